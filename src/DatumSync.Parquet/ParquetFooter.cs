using System.Buffers;
using System.Buffers.Binary;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Thrift;

namespace DatumSync.Parquet;

/// <summary>Reads and writes the file's frame: <c>PAR1</c>, the pages, the Thrift footer, its length, <c>PAR1</c>.</summary>
internal static class ParquetFooter
{
    /// <summary>The magic at both ends of a Parquet file.</summary>
    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>Encrypted footers start with <c>PARE</c>.</summary>
    public static ReadOnlySpan<byte> EncryptedMagic => "PARE"u8;

    /// <summary>Reads and parses the footer of a seekable stream.</summary>
    /// <exception cref="ParquetException">Not a Parquet file, truncated, or a corrupt footer.</exception>
    public static FileMetaData Read(Stream stream, string source)
    {
        var length = stream.Length;
        if (length < 12)
            throw new ParquetException(source, $"is {length} bytes long; a Parquet file has at least 12 (PAR1, footer length, PAR1)");
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        stream.Position = 0;
        stream.ReadExactly(head);
        stream.Position = length - 8;
        stream.ReadExactly(tail);
        if (tail[4..].SequenceEqual(EncryptedMagic))
            throw new ParquetException(source, "has an encrypted footer (PARE); encrypted Parquet files are not supported");
        if (!head.SequenceEqual(Magic) || !tail[4..].SequenceEqual(Magic))
        {
            throw new ParquetException(source, head.SequenceEqual(Magic)
                ? "does not end with the Parquet magic bytes PAR1: the file is truncated or still being written"
                : "does not start with the Parquet magic bytes PAR1: not a Parquet file");
        }
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        // Bound the length by the file before allocating anything.
        if (footerLength <= 0 || footerLength > length - 12)
            throw new ParquetException(source, $"claims a footer of {footerLength} bytes in a file of {length} bytes: the file is truncated or corrupt");
        var footer = ArrayPool<byte>.Shared.Rent(footerLength);
        try
        {
            stream.Position = length - 8 - footerLength;
            stream.ReadExactly(footer, 0, footerLength);
            var reader = new ThriftCompactReader(footer.AsSpan(0, footerLength), stackalloc short[64]);
            var metadata = FileMetaData.Read(ref reader);
            if (metadata.Encrypted)
                throw new ParquetException(source, "uses Parquet modular encryption, which is not supported");
            Validate(metadata, length, source);
            return metadata;
        }
        catch (InvalidDataException e)
        {
            throw new ParquetException(source, $"has a corrupt footer: {e.Message}", inner: e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(footer);
        }
    }

    /// <summary>Checks what later code relies on: counts and offsets inside the file.</summary>
    private static void Validate(FileMetaData metadata, long fileLength, string source)
    {
        if (metadata.NumRows < 0)
            throw new ParquetException(source, $"the footer says {metadata.NumRows} rows");
        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var group = metadata.RowGroups[g];
            if (group.NumRows < 0)
                throw new ParquetException(source, $"says it has {group.NumRows} rows", rowGroup: g);
            foreach (var chunk in group.Columns)
            {
                var m = chunk.MetaData;
                var name = m is null ? "?" : string.Join('.', m.PathInSchema);
                if (chunk.FilePath is not null)
                    throw new ParquetException(source, $"keeps its data in another file ('{chunk.FilePath}'); external column chunks are not supported", g, name);
                if (m is null)
                    throw new ParquetException(source, "has no column metadata", g, name);
                var start = m.DictionaryPageOffset is { } d && d > 0 && d < m.DataPageOffset ? d : m.DataPageOffset;
                if (start < 4 || m.TotalCompressedSize < 0 || start + m.TotalCompressedSize > fileLength - 8)
                    throw new ParquetException(source, $"column chunk at offset {start} with {m.TotalCompressedSize} bytes lies outside the file ({fileLength} bytes)", g, name);
                if (m.NumValues < 0)
                    throw new ParquetException(source, $"claims {m.NumValues} values", g, name);
            }
        }
    }

    /// <summary>Serialises <paramref name="metadata"/> and writes it with its length and the closing magic.</summary>
    public static long Write(Stream stream, FileMetaData metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        metadata.Write(new ThriftCompactWriter(buffer));
        stream.Write(buffer.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, buffer.WrittenCount);
        Magic.CopyTo(tail[4..]);
        stream.Write(tail);
        return buffer.WrittenCount + 8;
    }
}
