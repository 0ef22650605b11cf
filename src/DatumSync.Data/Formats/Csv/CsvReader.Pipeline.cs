using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace DatumSync.Data.Formats.Csv;

public sealed partial class CsvReader
{
    private readonly ConcurrentBag<CsvFieldIndex> _indexPool = [];

    /// <summary>Where the producer begins: the first block, already read during open.</summary>
    private sealed class ProducerStart(byte[] buffer, int start, int filled, bool eof, long firstRow, long firstLine, int targetBytes)
    {
        private byte[]? _buffer = buffer;

        public int Start { get; } = start;

        public int Filled { get; } = filled;

        public bool Eof { get; } = eof;

        public long FirstRow { get; } = firstRow;

        public long FirstLine { get; } = firstLine;

        public int TargetBytes { get; } = targetBytes;

        /// <summary>Hands the buffer over (once).</summary>
        public byte[] Take() => Interlocked.Exchange(ref _buffer, null) ?? throw new InvalidOperationException("The first block was taken twice.");

        public void Release()
        {
            if (Interlocked.Exchange(ref _buffer, null) is { } b)
                ArrayPool<byte>.Shared.Return(b);
        }
    }

    /// <summary>A block of complete rows and where their fields are.</summary>
    private sealed class Chunk(CsvReader owner, byte[] buffer, int offset, int length, CsvFieldIndex index, long firstRow, long firstLine)
    {
        private byte[]? _buffer = buffer;

        public byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Chunk));

        public int Offset { get; } = offset;

        public int Length { get; } = length;

        public CsvFieldIndex Index { get; } = index;

        /// <summary>1-based data row number of the chunk's first row.</summary>
        public long FirstRow { get; } = firstRow;

        /// <summary>1-based physical line of the chunk's first byte.</summary>
        public long FirstLine { get; } = firstLine;

        public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(Offset, Length);

        /// <summary>The physical line where row <paramref name="row"/> (0-based in this chunk) starts.</summary>
        public long LineOf(int row) => FirstLine + CsvScanner.CountLineBreaks(Bytes[..Index.RowStart[row]]);

        public void Release()
        {
            if (Interlocked.Exchange(ref _buffer, null) is { } b)
                ArrayPool<byte>.Shared.Return(b);
            Index.Clear();
            owner._indexPool.Add(Index);
        }
    }

    /// <summary>Reads blocks, scans rows, and queues chunks until the end of the input.</summary>
    private async Task ProduceAsync(ProducerStart start, CancellationToken cancellationToken)
    {
        var writer = _chunks.Writer;
        byte[]? buffer = null;
        try
        {
            buffer = start.Take();
            var begin = start.Start;
            var filled = start.Filled;
            var eof = start.Eof;
            var row = start.FirstRow;
            var line = start.FirstLine;
            var target = start.TargetBytes;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (begin == filled && eof)
                    break;
                var index = _indexPool.TryTake(out var pooled) ? pooled : new CsvFieldIndex();
                var consumed = _scanner.Scan(buffer.AsSpan(begin, filled - begin), eof, index, _options.BatchRows);
                if (index.RowCount == 0)
                {
                    _indexPool.Add(index);
                    if (eof)
                        break;
                    // Not one complete row in the buffer: make room (the row may be long) and read more.
                    (buffer, begin, filled, eof) = Refill(buffer, begin, filled, target, row, line);
                    continue;
                }
                if (eof && index.EndedInsideQuotes)
                    ThrowUnterminatedQuote(buffer.AsSpan(begin, consumed), index, row, line);
                if (_validateUtf8 && !System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(begin, consumed)))
                    ThrowInvalidUtf8(buffer.AsSpan(begin, consumed), index, row, line);

                // The chunk keeps this buffer; the unscanned tail moves to a fresh one.
                var tail = filled - (begin + consumed);
                var next = ArrayPool<byte>.Shared.Rent(Math.Max(target, tail + target / 2));
                buffer.AsSpan(begin + consumed, tail).CopyTo(next);
                var chunk = new Chunk(this, buffer, begin, consumed, index, row, line);
                row += index.RowCount;
                line += CsvScanner.CountLineBreaks(chunk.Bytes);
                buffer = next;
                begin = 0;
                filled = tail;
                if (!eof)
                {
                    var n = ReadFully(_utf8, buffer, filled, _source.Name);
                    filled += n;
                    eof = filled < buffer.Length;
                }
                await writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e is OperationCanceledException && cancellationToken.IsCancellationRequested ? null : e);
        }
        finally
        {
            if (buffer is not null)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private (byte[] Buffer, int Begin, int Filled, bool Eof) Refill(byte[] buffer, int begin, int filled, int target, long row, long line)
    {
        var pending = filled - begin;
        var size = buffer.Length;
        if (pending * 2 > size)
        {
            if (size >= MaxRowBytes)
            {
                var at = line + CsvScanner.CountLineBreaks(buffer.AsSpan(begin, Math.Min(pending, 1 << 16)));
                throw new DataFormatException(_source.Name,
                    $"a row is longer than {MaxRowBytes >> 20} MiB; usually a quote opened at or before line {at} never closes (if the data has stray quote characters, pass --quote none)",
                    row: row, line: line);
            }
            size = Math.Min(MaxRowBytes, size * 2);
        }
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(size, target));
        buffer.AsSpan(begin, pending).CopyTo(next);
        ArrayPool<byte>.Shared.Return(buffer);
        var n = ReadFully(_utf8, next, pending, _source.Name);
        return (next, 0, pending + n, pending + n < next.Length);
    }

    private void ThrowUnterminatedQuote(ReadOnlySpan<byte> bytes, CsvFieldIndex index, long firstRow, long firstLine)
    {
        var last = index.RowCount - 1;
        var line = firstLine + CsvScanner.CountLineBreaks(bytes[..index.RowStart[last]]);
        throw new DataFormatException(_source.Name,
            $"a quoted field opened in this row never closes before the end of the file (expected a closing {_dialect.Quote}; if the data has stray quote characters, pass --quote none)",
            row: firstRow + last, line: line);
    }

    private void ThrowInvalidUtf8(ReadOnlySpan<byte> bytes, CsvFieldIndex index, long firstRow, long firstLine)
    {
        var position = 0;
        while (position < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[position..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
                break;
            position += consumed;
        }
        // Find the row and column holding the bad byte.
        var lo = 0;
        var hi = index.RowCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (index.RowStart[mid] <= position)
                lo = mid;
            else
                hi = mid - 1;
        }
        var column = 0;
        for (var f = index.RowFieldStart[lo]; f < index.RowFieldStart[lo + 1] && index.FieldEnd[f] < position; f++)
            column++;
        var name = column < _columns.Length ? _columns[column].Name : $"#{column + 1}";
        var line = firstLine + CsvScanner.CountLineBreaks(bytes[..index.RowStart[lo]]);
        throw new DataFormatException(_source.Name,
            $"invalid UTF-8 byte 0x{bytes[position]:X2}: the file is not UTF-8 throughout (pass --encoding windows-1252, latin1 or the file's real encoding)",
            row: firstRow + lo, column: name, line: line);
    }

    private static string Show(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value.Length > 80 ? value[..80] : value);
}
