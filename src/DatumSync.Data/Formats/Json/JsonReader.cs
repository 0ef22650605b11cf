using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace DatumSync.Data.Formats.Json;

/// <summary>
/// Streams JSON records as batches: a JSON array of objects (<see cref="JsonLayout.Array"/>) or one object per line
/// (<see cref="JsonLayout.Lines"/>, NDJSON / JSON Lines).
/// </summary>
/// <remarks>
/// <para><b>Streaming.</b> The source is read in large blocks into one pooled buffer and tokenised with
/// <see cref="Utf8JsonReader"/> across block boundaries (<see cref="JsonReaderState"/>); a record is handed on only
/// once it has been read completely, so memory is bounded by the batch (and by the largest single record, which the
/// buffer grows to hold), never by the file. A UTF-8 byte order mark is skipped.</para>
/// <para><b>Records.</b> Nested objects flatten to dotted column names (<c>{"a":{"b":1}}</c> → <c>a.b</c>; an empty
/// object adds no column); an array becomes a string holding its JSON text, with the whitespace outside strings
/// removed. A missing key is null; a repeated key keeps its last value. With <see cref="JsonLayout.Array"/> the input
/// may also be a single top-level object, or several objects one after another, each a record (as DuckDB reads
/// them); <see cref="JsonLayout.Lines"/> skips blank lines and is lenient about line breaks (an object may span
/// lines, or share one with the next). Any other
/// top-level value is a <see cref="DataFormatException"/> naming the record and line.</para>
/// <para><b>Schema.</b> The first <see cref="ReadOptions.InferenceRows"/> records are parsed and kept in memory as
/// values; columns are ordered by first appearance in them and typed from their JSON tokens, then the sample is
/// replayed into batches. Integers that fit <see cref="long"/> → int64; larger integers (up to 38 digits) →
/// decimal(38,0); any fraction or exponent → double; true/false → boolean; strings → string, except when every
/// string is an ISO date (<c>yyyy-MM-dd</c>) → date, or every one is an ISO timestamp (dates allowed among them) →
/// timestamp, or every one is a timestamp with <c>Z</c> or an offset → timestamptz (normalised to UTC); arrays, mixed
/// kinds, or a column that is only null → string, with numbers and booleans kept as their JSON text.
/// <see cref="ReadOptions.ColumnTypes"/> overrides win over inference and <see cref="ReadOptions.AllStrings"/>.
/// Inference never types JSON strings as numbers or booleans, but a string whose text is a valid value of the
/// column's type fills it (so an override <c>id=int64</c> reads <c>"id":"42"</c>).</para>
/// <para><b>After the sample.</b> The schema is fixed once <see cref="OpenAsync"/> returns (callers such as
/// <see cref="TableReader.CopyAsync"/> create their writer from it), so types never change silently later: a value
/// that does not fit its column — even one in the first batch — throws <see cref="SchemaWidenedException"/> with the
/// schema that holds it (int64 → decimal(38,0) or double, decimal → a wider decimal or double, date → timestamp,
/// anything else → string), and <see cref="TableReader.CopyAsync"/> restarts with it. A key first seen after the
/// sample has no column: that is a <see cref="DataFormatException"/> asking for a larger sample. After any exception
/// the reader is finished and rethrows it.</para>
/// </remarks>
public sealed partial class JsonReader : IBatchReader, IReaderDiagnostics
{
    private const int InitialBufferBytes = 256 * 1024;
    private const int MaxBufferBytes = 1 << 30;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowMultipleValues = true,
        MaxDepth = 256,
    };

    private readonly string _sourceName;
    private readonly Stream _stream;
    private readonly JsonLayout _layout;
    private readonly int _batchRows;
    private readonly long? _totalBytes;

    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _isFinal;
    private long _bytesBefore;
    private JsonReaderState _state;

    private ParsedRecords? _sample;
    private int _sampleNext;
    private readonly ParsedRecords _scratch = new(16 * 1024, 256, 1);
    private bool _ended;
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

    private JsonReader(string sourceName, Stream stream, JsonLayout layout, ReadOptions options, long? totalBytes)
    {
        _sourceName = sourceName;
        _stream = stream;
        _layout = layout;
        _batchRows = options.BatchRows > 0 ? options.BatchRows : ReadOptions.DefaultBatchRows;
        _totalBytes = totalBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        _state = new JsonReaderState(ReaderOptions);
        Schema = new Schema([]);
    }

    /// <inheritdoc />
    public Schema Schema { get; private set; }

    /// <inheritdoc />
    public long BytesRead => _bytesBefore + _start;

    /// <inheritdoc />
    public long? TotalBytes => _totalBytes;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> Properties =>
        [new("layout", _layout == JsonLayout.Array ? "array of objects" : "one object per line"), new("inference sample", $"{_sampleRecords} records")];

    /// <inheritdoc />
    public IReadOnlyList<Inference.InferredColumn>? InferredColumns => null;

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => [];

    /// <summary>Opens <paramref name="source"/>, reads the inference sample and fixes the schema.</summary>
    /// <param name="source">The JSON input.</param>
    /// <param name="options">Batch size, sample size, type overrides.</param>
    /// <param name="layout">A JSON array (format <c>json</c>) or one object per line (format <c>ndjson</c>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="DataFormatException">The input is not valid JSON records.</exception>
    public static async ValueTask<JsonReader> OpenAsync(DataSource source, ReadOptions? options = null, JsonLayout layout = JsonLayout.Array, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ReadOptions();
        var stream = source.Open();
        var reader = new JsonReader(source.Name, stream, layout, options, source.Length);
        try
        {
            await reader.StartAsync(options, cancellationToken).ConfigureAwait(false);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<RecordBatch?> ReadNextBatchAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _failure?.Throw();
        try
        {
            var rows = 0;
            if (_sample is { } sample)
            {
                while (rows < _batchRows && _sampleNext < sample.RecordCount)
                {
                    CommitRecord(sample, _sampleNext, _sampleNext + 1L);
                    _sampleNext++;
                    rows++;
                }
                if (_sampleNext == sample.RecordCount)
                {
                    sample.Dispose();
                    _sample = null;
                }
            }
            while (rows < _batchRows && !_ended)
            {
                var status = ParseRecords(_scratch, _batchRows - rows, commit: true, ref rows);
                if (status == ParseStatus.End)
                    _ended = true;
                else if (status == ParseStatus.NeedMoreData)
                    await FillAsync(cancellationToken).ConfigureAwait(false);
            }
            return rows == 0 ? null : BuildBatch(rows);
        }
        catch (Exception e)
        {
            // Builders may hold part of a batch (cancellation included): the reader cannot go on consistently.
            _failure = ExceptionDispatchInfo.Capture(e);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _sample?.Dispose();
        _sample = null;
        _scratch.Dispose();
    }

    private async ValueTask StartAsync(ReadOptions options, CancellationToken cancellationToken)
    {
        await FillAsync(cancellationToken).ConfigureAwait(false);
        SkipByteOrderMark();
        var sample = new ParsedRecords();
        _sample = sample;
        var wanted = Math.Max(1, options.InferenceRows);
        var produced = 0;
        while (produced < wanted)
        {
            var status = ParseRecords(sample, wanted - produced, commit: false, ref produced);
            if (status == ParseStatus.End)
            {
                _ended = true;
                break;
            }
            if (status == ParseStatus.NeedMoreData)
                await FillAsync(cancellationToken).ConfigureAwait(false);
        }
        FixSchema(sample, options);
    }

    private void SkipByteOrderMark()
    {
        var head = _buffer.AsSpan(_start, _end - _start);
        if (head.StartsWith("\uFEFF"u8))
            _start += 3;
        else if (head.StartsWith([(byte)0xFF, (byte)0xFE]) || head.StartsWith([(byte)0xFE, (byte)0xFF]))
            throw new DataFormatException(_sourceName, "the file is UTF-16 encoded; expected UTF-8 JSON", line: 1);
    }

    /// <summary>
    /// Makes room and reads until the buffer is full or the stream ends. Called when the buffer ends inside a record:
    /// consumed bytes are dropped first, and the buffer doubles when the unfinished record fills more than half of it,
    /// so a record is re-parsed only a few times however large it is.
    /// </summary>
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_isFinal)
        {
            // The parser asked for more data at the end of the input; it reports truncation itself, so this
            // is only a guard against looping forever.
            throw new DataFormatException(_sourceName, "unexpected end of the input; expected the rest of the JSON", row: _recordNumber + 1);
        }
        if (_start > 0)
        {
            LineAt(_start);
            var pending = _end - _start;
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _bytesBefore += _start;
            _lineCountPos -= _start;
            _start = 0;
            _end = pending;
        }
        if (_end > _buffer.Length / 2)
        {
            if (_buffer.Length >= MaxBufferBytes)
                throw new DataFormatException(_sourceName, $"record {_recordNumber + 1} is larger than {MaxBufferBytes >> 20} MiB; expected records that fit in memory", row: _recordNumber + 1, line: _recordLine);
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxBufferBytes));
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        try
        {
            while (_end < _buffer.Length)
            {
                var n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    _isFinal = true;
                    break;
                }
                _end += n;
            }
        }
        catch (IOException e)
        {
            throw new DataFormatException(_sourceName, $"cannot read: {e.Message}", inner: e);
        }
    }
}
