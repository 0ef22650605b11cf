using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Compression;

/// <summary>
/// SNAPPY: the raw Snappy block format (a varint of the uncompressed length, then literals and back-references),
/// managed, with no system library. Parquet stores one raw block per page, never Snappy's framing format.
/// </summary>
/// <remarks>
/// The compressor is <see cref="LzMatcher"/>, shaped like the reference compressor so the ratio is comparable. The
/// decompressor checks every length and offset against both buffers before it copies, then copies in 8- and 16-byte
/// moves that may write a few bytes past an element's end but never past the destination: later elements overwrite
/// them, and the final length check proves every byte was written.
/// </remarks>
internal sealed partial class SnappyCodec : ICompressionCodec
{
    /// <summary>The most bytes a varint of a 32-bit length takes.</summary>
    private const int MaxPreambleLength = Varint.MaxLength32;

    public ParquetCompression Codec => ParquetCompression.Snappy;

    /// <summary>The reference's bound: every 6 input bytes may cost one tag byte more, plus the preamble and slack.</summary>
    public int MaxCompressedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return CompressionErrors.CheckBound(32L + length + length / 6, length);
    }

    /// <summary>Reads the preamble: the uncompressed length as a little-endian base-128 varint of at most 5 bytes.</summary>
    /// <returns>The number of bytes the preamble takes, or 0 when it is missing, truncated or over 2^32 - 1.</returns>
    internal static int ReadPreamble(ReadOnlySpan<byte> source, out uint length)
    {
        length = 0;
        for (var i = 0; i < MaxPreambleLength && i < source.Length; i++)
        {
            uint b = source[i];
            // The fifth byte holds bits 28..31 only.
            if (i == MaxPreambleLength - 1 && b > 0x0F)
                return 0;
            length |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
                return i + 1;
        }
        length = 0;
        return 0;
    }

    /// <summary>Writes the preamble: <paramref name="value"/> as a varint; returns the bytes written.</summary>
    private static int WritePreamble(Span<byte> destination, uint value) => Varint.Write(destination, value);
}
