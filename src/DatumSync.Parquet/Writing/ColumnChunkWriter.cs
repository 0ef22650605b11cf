using System.Buffers;
using DatumSync.Data;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Thrift;

namespace DatumSync.Parquet.Writing;

/// <summary>
/// Writes one column of one row group: takes values batch by batch, cuts them into data pages (v1: definition levels,
/// then values, compressed together), keeps statistics, and on <see cref="Flush"/> writes the dictionary page (if any)
/// and the data pages to the file and describes them in a <see cref="ColumnChunk"/>.
/// </summary>
/// <remarks>
/// A chunk's pages are held compressed in memory until the row group is flushed: the dictionary page must come before
/// them in the file, and its final contents are known only at the end. Memory is therefore bounded by one row group.
/// </remarks>
internal abstract class ColumnChunkWriter : IDisposable
{
    // Values appended between page-size checks: small enough that a page overshoots its target by little.
    private const int PieceRows = 4096;

    private readonly ICompressionCodec _codec;
    private readonly ByteBuffer _page = new();
    private readonly ByteBuffer _compressed = new();
    private readonly ByteBuffer _header = new(256);
    private readonly Dictionary<(PageType, Format.Encoding), int> _encodingStats = [];
    private int[] _levels = ArrayPool<int>.Shared.Rent(PieceRows * 2);
    private int _pageRows;
    private long _chunkValues;
    private long _chunkNulls;
    private long _dataUncompressed;

    protected ColumnChunkWriter(Field field, ParquetWriteOptions options, ICompressionCodec codec)
    {
        Field = field;
        Options = options;
        _codec = codec;
        MaxDefinitionLevel = field.Nullable ? 1 : 0;
    }

    /// <summary>The column.</summary>
    public Field Field { get; }

    protected ParquetWriteOptions Options { get; }

    protected int MaxDefinitionLevel { get; }

    /// <summary>Compressed data pages (with their headers) of the current chunk.</summary>
    protected ByteBuffer Pages { get; } = new();

    protected abstract PhysicalType PhysicalType { get; }

    /// <summary>Uncompressed bytes the pending page's values would take.</summary>
    protected abstract int PendingValueBytes { get; }

    /// <summary>Appends the values of rows <paramref name="start"/>..+<paramref name="count"/>; null rows are skipped
    /// (their definition level says so).</summary>
    protected abstract void AppendValues(Column column, int start, int count);

    /// <summary>Whether the dictionary grew too large or values barely repeat, so the writer should fall back to PLAIN.</summary>
    protected virtual bool FallBackRequested => false;

    /// <summary>Continues the chunk in PLAIN (called once the pending dictionary page was flushed).</summary>
    protected virtual void SwitchToPlain()
    {
    }

    /// <summary>Encodes the pending page's values into <paramref name="page"/> and forgets them.</summary>
    protected abstract Format.Encoding EncodeValues(ByteBuffer page);

    /// <summary>The dictionary page's PLAIN values and count, when the chunk is dictionary-encoded.</summary>
    protected virtual bool TryEncodeDictionary(ByteBuffer page, out int count)
    {
        count = 0;
        return false;
    }

    /// <summary>The chunk's statistics (min/max in PLAIN form, no NaN).</summary>
    protected abstract void FillStatistics(Statistics statistics);

    /// <summary>Forgets the chunk's dictionary and statistics for the next row group.</summary>
    protected abstract void ResetChunk();

    /// <summary>Appends rows of <paramref name="column"/> (of this writer's type).</summary>
    public void Append(Column column, int start, int count)
    {
        while (count > 0)
        {
            var piece = Math.Min(count, PieceRows);
            if (MaxDefinitionLevel > 0)
                AppendLevels(column, start, piece);
            else if (column.NullCount > 0)
                ThrowNullInRequired(column, start, piece);
            AppendValues(column, start, piece);
            _pageRows += piece;
            _chunkValues += piece;
            start += piece;
            count -= piece;
            if (FallBackRequested)
            {
                // The page so far holds dictionary indices (earlier pages keep theirs): finish it, then PLAIN.
                FlushPage();
                SwitchToPlain();
            }
            else if (PendingValueBytes + (_pageRows >> 3) >= Options.PageBytes)
            {
                FlushPage();
            }
        }
    }

    private void AppendLevels(Column column, int start, int count)
    {
        if (_pageRows + count > _levels.Length)
        {
            var bigger = ArrayPool<int>.Shared.Rent(Math.Max(_levels.Length * 2, _pageRows + count));
            _levels.AsSpan(0, _pageRows).CopyTo(bigger);
            ArrayPool<int>.Shared.Return(_levels);
            _levels = bigger;
        }
        var levels = _levels.AsSpan(_pageRows, count);
        if (column.NullCount == 0)
        {
            levels.Fill(1);
            return;
        }
        var nulls = 0;
        for (var i = 0; i < count; i++)
        {
            var valid = column.IsValid(start + i);
            levels[i] = valid ? 1 : 0;
            nulls += valid ? 0 : 1;
        }
        _chunkNulls += nulls;
    }

    private void ThrowNullInRequired(Column column, int start, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (column.IsNull(start + i))
                throw new ArgumentException($"Column '{Field.Name}' is not nullable but row {start + i} of the batch is null.", nameof(column));
        }
    }

    /// <summary>Encodes, compresses and stores the pending page.</summary>
    protected void FlushPage()
    {
        if (_pageRows == 0)
            return;
        _page.Clear();
        if (MaxDefinitionLevel > 0)
            RleBitPackedHybrid.EncodeWithLengthPrefix(_levels.AsSpan(0, _pageRows), 1, _page);
        var encoding = EncodeValues(_page);
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            DataPageHeader = new DataPageHeader { NumValues = _pageRows, Encoding = encoding },
        };
        WritePage(header, _page.WrittenSpan, Pages);
        Count(PageType.DataPage, encoding);
        _pageRows = 0;
    }

    /// <summary>Compresses <paramref name="uncompressed"/>, then writes the header and the compressed bytes.</summary>
    private void WritePage(PageHeader header, ReadOnlySpan<byte> uncompressed, ByteBuffer destination)
    {
        _compressed.Clear();
        var written = _codec.Compress(uncompressed, _compressed.GetSpan(_codec.MaxCompressedLength(uncompressed.Length)));
        _compressed.Advance(written);
        header.UncompressedPageSize = uncompressed.Length;
        header.CompressedPageSize = written;
        _header.Clear();
        header.Write(new ThriftCompactWriter(_header));
        destination.Write(_header.WrittenSpan);
        destination.Write(_compressed.WrittenSpan);
        _dataUncompressed += _header.WrittenCount + uncompressed.Length;
    }

    private void Count(PageType type, Format.Encoding encoding) => _encodingStats[(type, encoding)] = _encodingStats.GetValueOrDefault((type, encoding)) + 1;

    /// <summary>Writes the chunk (dictionary page, then data pages) at <paramref name="position"/> and resets.</summary>
    /// <returns>The chunk's metadata.</returns>
    public ColumnChunk Flush(Stream output, long position)
    {
        FlushPage();
        long? dictionaryOffset = null;
        long dictionaryBytes = 0;
        var uncompressed = _dataUncompressed;
        _page.Clear();
        if (TryEncodeDictionary(_page, out var entries))
        {
            var dictionary = new ByteBuffer();
            try
            {
                _dataUncompressed = 0;
                WritePage(new PageHeader { Type = PageType.DictionaryPage, DictionaryPageHeader = new DictionaryPageHeader { NumValues = entries, Encoding = Format.Encoding.Plain } },
                    _page.WrittenSpan, dictionary);
                uncompressed += _dataUncompressed;
                Count(PageType.DictionaryPage, Format.Encoding.Plain);
                output.Write(dictionary.WrittenSpan);
                dictionaryOffset = position;
                dictionaryBytes = dictionary.WrittenCount;
            }
            finally
            {
                dictionary.Dispose();
            }
        }
        var dataOffset = position + dictionaryBytes;
        output.Write(Pages.WrittenSpan);

        var statistics = new Statistics { NullCount = _chunkNulls };
        FillStatistics(statistics);
        var encodings = new List<Format.Encoding>();
        foreach (var ((_, encoding), _) in _encodingStats)
        {
            if (!encodings.Contains(encoding))
                encodings.Add(encoding);
        }
        if (MaxDefinitionLevel > 0 && !encodings.Contains(Format.Encoding.Rle))
            encodings.Add(Format.Encoding.Rle);
        var metadata = new ColumnMetaData
        {
            Type = PhysicalType,
            Encodings = encodings,
            PathInSchema = [Field.Name],
            Codec = (int)_codec.Codec,
            NumValues = _chunkValues,
            TotalUncompressedSize = uncompressed,
            TotalCompressedSize = dictionaryBytes + Pages.WrittenCount,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = statistics,
            EncodingStats = [.. _encodingStats.Select(kv => new PageEncodingStats(kv.Key.Item1, kv.Key.Item2, kv.Value))],
        };

        Pages.Clear();
        _encodingStats.Clear();
        _chunkValues = 0;
        _chunkNulls = 0;
        _dataUncompressed = 0;
        ResetChunk();
        return new ColumnChunk { FileOffset = position, MetaData = metadata };
    }

    /// <summary>Returns pooled buffers.</summary>
    public virtual void Dispose()
    {
        Pages.Dispose();
        _page.Dispose();
        _compressed.Dispose();
        _header.Dispose();
        if (_levels.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_levels);
            _levels = [];
        }
        GC.SuppressFinalize(this);
    }
}
