using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace DatumSync.Data.Formats.Csv;

/// <summary>
/// Writes batches as RFC 4180 CSV: UTF-8 without BOM, <c>\n</c> line endings, an optional header row and
/// <see cref="WriteOptions.Delimiter"/> between fields. Values are written in their canonical text
/// (<see cref="Column.TryFormatUtf8"/>, see <see cref="ValueFormatter"/>).
/// </summary>
/// <remarks>
/// <para>A null is an empty field; an empty string is written as <c>""</c> so that it reads back as an empty string,
/// not as null. A field is quoted when it contains the delimiter, a quote, CR or LF, or starts or ends with
/// whitespace (readers that trim would otherwise change it); quotes inside are doubled.</para>
/// <para>Rows are formatted straight into one pooled byte buffer, which is handed to the stream in large blocks at
/// row boundaries. The buffer grows when a single row does not fit, so a value of any size works, at the cost of
/// holding that row in memory once.</para>
/// </remarks>
public sealed class CsvWriter : IBatchWriter
{
    private const int InitialBufferBytes = 256 * 1024;
    // Flushing at a row boundary once this much is pending keeps writes large and leaves headroom for the next row.
    private const int FlushThresholdBytes = 192 * 1024;
    // Wider than any canonical non-string text (a 38-digit decimal with sign and point is 40 bytes).
    private const int FormattedValueBytes = 64;

    private readonly Stream _output;
    private readonly byte[] _delimiter;
    private readonly SearchValues<byte> _special;
    private readonly bool _formattedValuesMayNeedQuotes;
    // The batch's columns in arrays, so the per-value loop avoids interface calls and type checks.
    private readonly Column[] _columns;
    private readonly StringColumn?[] _strings;
    private byte[] _buffer;
    private int _pos;
    private bool _headerPending;
    private bool _disposed;

    /// <summary>Creates a writer over <paramref name="output"/>; the caller owns the stream.</summary>
    /// <exception cref="ArgumentException">The delimiter is a quote, CR or LF.</exception>
    public CsvWriter(Stream output, Schema schema, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new WriteOptions();
        var delimiter = options.Delimiter;
        if (delimiter is '"' or '\r' or '\n' || char.IsSurrogate(delimiter))
            throw new ArgumentException($"'{delimiter}' cannot be a CSV delimiter.", nameof(options));
        _output = output;
        Schema = schema;
        _delimiter = Encoding.UTF8.GetBytes(delimiter.ToString());
        _special = _delimiter.Length == 1
            ? SearchValues.Create([_delimiter[0], (byte)'"', (byte)'\r', (byte)'\n'])
            : SearchValues.Create("\"\r\n"u8);
        // Canonical numbers, booleans, dates and timestamps use only these characters; any other delimiter can
        // never occur in them, so their quoting check is skipped on the hot path.
        _formattedValuesMayNeedQuotes = "0123456789+-.:ETZINaefilnrstuy".Contains(delimiter, StringComparison.Ordinal);
        _headerPending = options.Header;
        _columns = new Column[schema.Count];
        _strings = new StringColumn?[schema.Count];
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    }

    /// <inheritdoc />
    public Schema Schema { get; }

    /// <inheritdoc />
    public async ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriterChecks.RequireSchema(Schema, batch);
        if (_headerPending)
            WriteHeader();
        for (var c = 0; c < _columns.Length; c++)
        {
            _columns[c] = batch.Column(c);
            _strings[c] = _columns[c] as StringColumn;
        }
        try
        {
            var row = 0;
            while (row < batch.RowCount)
            {
                row = WriteRows(row, batch.RowCount);
                if (_pos >= FlushThresholdBytes)
                    await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // The batch stays the caller's: drop the references so its disposal is not delayed by us.
            Array.Clear(_columns);
            Array.Clear(_strings);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_headerPending)
            WriteHeader();
        await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
        return ValueTask.CompletedTask;
    }


    private void WriteHeader()
    {
        _headerPending = false;
        for (var i = 0; i < Schema.Count; i++)
        {
            if (i > 0)
                WriteDelimiter();
            WriteText(Encoding.UTF8.GetBytes(Schema[i].Name));
        }
        WriteNewLine();
    }

    /// <summary>Formats rows from <paramref name="start"/> until the buffer is due for a flush.</summary>
    /// <returns>The next row to write.</returns>
    private int WriteRows(int start, int rows)
    {
        var columns = _columns;
        var strings = _strings;
        for (var r = start; r < rows; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0)
                    WriteDelimiter();
                var column = columns[c];
                if (column.IsNull(r))
                    continue;
                if (strings[c] is { } text)
                    WriteText(text.GetBytes(r));
                else
                    WriteFormatted(column, r);
            }
            WriteNewLine();
            if (_pos >= FlushThresholdBytes)
                return r + 1;
        }
        return rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteDelimiter()
    {
        if (_delimiter.Length == 1)
        {
            Ensure(1);
            _buffer[_pos++] = _delimiter[0];
        }
        else
        {
            WriteRaw(_delimiter);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteNewLine()
    {
        Ensure(1);
        _buffer[_pos++] = (byte)'\n';
    }

    private void WriteText(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            // Distinguishes the empty string from null, which is an empty field.
            Ensure(2);
            _buffer[_pos++] = (byte)'"';
            _buffer[_pos++] = (byte)'"';
        }
        else if (NeedsQuotes(value))
        {
            WriteQuoted(value);
        }
        else
        {
            WriteRaw(value);
        }
    }

    private void WriteFormatted(Column column, int row)
    {
        var room = FormattedValueBytes;
        int written;
        while (true)
        {
            Ensure(room);
            if (column.TryFormatUtf8(row, _buffer.AsSpan(_pos), out written))
                break;
            room = checked(room * 2);
        }
        if (_formattedValuesMayNeedQuotes && NeedsQuotes(_buffer.AsSpan(_pos, written)))
        {
            // Rare (a digit or letter as delimiter): move the text out of the way, then write it quoted.
            var text = _buffer.AsSpan(_pos, written).ToArray();
            WriteQuoted(text);
            return;
        }
        _pos += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool NeedsQuotes(ReadOnlySpan<byte> value)
        => value.ContainsAny(_special)
            || IsSpace(value[0])
            || IsSpace(value[^1])
            || (_delimiter.Length > 1 && value.IndexOf(_delimiter) >= 0);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\v' or (byte)'\f';

    private void WriteQuoted(ReadOnlySpan<byte> value)
    {
        var quotes = value.Count((byte)'"');
        Ensure(value.Length + quotes + 2);
        var buffer = _buffer;
        var p = _pos;
        buffer[p++] = (byte)'"';
        while (true)
        {
            var q = value.IndexOf((byte)'"');
            if (q < 0)
                break;
            value[..(q + 1)].CopyTo(buffer.AsSpan(p));
            p += q + 1;
            buffer[p++] = (byte)'"';
            value = value[(q + 1)..];
        }
        value.CopyTo(buffer.AsSpan(p));
        p += value.Length;
        buffer[p++] = (byte)'"';
        _pos = p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_pos));
        _pos += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int bytes)
    {
        if (_buffer.Length - _pos < bytes)
            Grow(bytes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int bytes)
    {
        var needed = checked(_pos + bytes);
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _pos).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (_pos == 0)
            return;
        await _output.WriteAsync(_buffer.AsMemory(0, _pos), cancellationToken).ConfigureAwait(false);
        _pos = 0;
    }
}
