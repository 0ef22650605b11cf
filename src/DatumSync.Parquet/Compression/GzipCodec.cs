using System.Buffers.Binary;
using System.IO.Compression;

namespace DatumSync.Parquet.Compression;

/// <summary>
/// GZIP: RFC 1952 members through <see cref="GZipStream"/>, over streams on the caller's pinned buffers. Pages with
/// several members decompress (the format asks readers to accept them); compression writes one member.
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> stops quietly at a truncated end, skips bytes after the last member that do not start
/// another one, and checks no trailer it cannot read. So decompression counts what it gets, reads one byte more to
/// prove the data stops at the page size, and checks that the last eight bytes are the trailer of the output's
/// tail: the CRC-32 and the size of the last member.
/// </remarks>
internal sealed unsafe class GzipCodec : ICompressionCodec
{
    /// <summary>zlib's default level.</summary>
    public const int DefaultLevel = 6;

    /// <summary>10-byte header, empty deflate block, 8-byte trailer.</summary>
    private const int MinMemberLength = 20;

    private const int TrailerLength = 8;

    private readonly int _level;

    public GzipCodec(int level) => _level = level;

    /// <summary>
    /// The member gzip writes for no input. <see cref="GZipStream"/> writes nothing at all when given no bytes, which
    /// other readers reject.
    /// </summary>
    private static ReadOnlySpan<byte> EmptyMember => [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public ParquetCompression Codec => ParquetCompression.Gzip;

    /// <summary>
    /// Generous: stored blocks cost 5 bytes per 64 KiB, but the fastest levels may emit fixed-Huffman blocks, where
    /// a literal takes up to 9 bits.
    /// </summary>
    public int MaxCompressedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return CompressionErrors.CheckBound(length + (length >> 3) + (length >> 6) + 64L, length);
    }

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CompressionErrors.CheckDestination(this, source.Length, destination.Length);
        if (source.IsEmpty)
        {
            EmptyMember.CopyTo(destination);
            return EmptyMember.Length;
        }
        fixed (byte* output = destination)
        {
            using var stream = new UnmanagedMemoryStream(output, 0, destination.Length, FileAccess.Write);
            try
            {
                using (var gzip = new GZipStream(stream, new ZLibCompressionOptions { CompressionLevel = _level }, leaveOpen: true))
                    gzip.Write(source);
            }
            catch (NotSupportedException e)
            {
                // The unmanaged stream cannot grow: the bound above was wrong for this input.
                throw new InvalidOperationException($"GZIP output of {source.Length} bytes exceeded MaxCompressedLength", e);
            }
            return (int)stream.Position;
        }
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length < MinMemberLength)
            CompressionErrors.Corrupt(Codec, $"{source.Length} bytes is shorter than the smallest GZIP member ({MinMemberLength} bytes)");
        if (source[0] != 0x1F || source[1] != 0x8B)
            CompressionErrors.Corrupt(Codec, $"it starts with {source[0]:X2} {source[1]:X2}, not the GZIP signature 1F 8B");

        int total = 0, more = 0;
        fixed (byte* input = source)
        {
            using var stream = new UnmanagedMemoryStream(input, source.Length);
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            try
            {
                while (total < destination.Length)
                {
                    var n = gzip.Read(destination[total..]);
                    if (n == 0)
                        break;
                    total += n;
                }
                if (total == destination.Length)
                {
                    Span<byte> probe = stackalloc byte[1];
                    more = gzip.Read(probe);
                }
            }
            catch (InvalidDataException e)
            {
                CompressionErrors.Corrupt(Codec, e.Message, e);
            }
        }
        if (total < destination.Length)
            CompressionErrors.WrongSize(Codec, total, destination.Length);
        if (more != 0)
            CompressionErrors.TooLong(Codec, destination.Length);

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(source[^TrailerLength..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(source[^4..]);
        if (size > (uint)destination.Length || Crc32.Compute(destination[^(int)size..]) != crc)
            CompressionErrors.Corrupt(Codec, "it does not end with the CRC-32 and size of its last member (truncated, or stray bytes after it)");
    }
}
