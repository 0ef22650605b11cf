using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Thrift;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// Writes a Parquet file page by page from our Thrift model, for files no writer makes: INT96 columns, and pages
/// whose headers lie. Nothing of <see cref="ParquetWriter"/> is used, so such files test the reader on its own.
/// </summary>
internal sealed class ParquetFileBuilder : IDisposable
{
    private readonly ByteBuffer _file = new();

    public ParquetFileBuilder() => _file.Write(ParquetFooter.Magic);

    /// <summary>Where the next page starts.</summary>
    public long Position => _file.WrittenCount;

    /// <summary>Compresses <paramref name="data"/>, fills in the header's sizes, lets <paramref name="tamper"/> change
    /// the header, then writes header and data.</summary>
    public void Page(PageHeader header, ReadOnlySpan<byte> data, ParquetCompression codec, Action<PageHeader>? tamper = null)
    {
        var compressor = Codecs.Get(codec);
        var compressed = new byte[compressor.MaxCompressedLength(data.Length)];
        var length = compressor.Compress(data, compressed);
        header.UncompressedPageSize = data.Length;
        header.CompressedPageSize = length;
        tamper?.Invoke(header);
        using var bytes = new ByteBuffer();
        header.Write(new ThriftCompactWriter(bytes));
        _file.Write(bytes.WrittenSpan);
        _file.Write(compressed.AsSpan(0, length));
    }

    /// <summary>A v1 data page header.</summary>
    public static PageHeader DataPage(int values, Format.Encoding encoding) => new()
    {
        Type = PageType.DataPage,
        DataPageHeader = new DataPageHeader { NumValues = values, Encoding = encoding },
    };

    /// <summary>The metadata of a column chunk written from <paramref name="start"/> to the current position.</summary>
    public ColumnChunk Chunk(string name, PhysicalType type, ParquetCompression codec, long values, long start, long? dataOffset, List<Format.Encoding> encodings) => new()
    {
        FileOffset = start,
        MetaData = new ColumnMetaData
        {
            Type = type,
            Encodings = encodings,
            PathInSchema = [name],
            Codec = (int)codec,
            NumValues = values,
            TotalCompressedSize = Position - start,
            TotalUncompressedSize = Position - start,
            DataPageOffset = dataOffset ?? start,
            DictionaryPageOffset = dataOffset is null ? null : start,
        },
    };

    /// <summary>Writes the footer and returns the whole file.</summary>
    public byte[] Finish(FileMetaData metadata)
    {
        using var stream = new MemoryStream();
        stream.Write(_file.WrittenSpan);
        ParquetFooter.Write(stream, metadata);
        return stream.ToArray();
    }

    public void Dispose() => _file.Dispose();
}
