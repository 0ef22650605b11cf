using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace DatumSync.Parquet.Compression;

/// <summary>Throw helpers: keep the message building out of the codecs' hot loops.</summary>
internal static class CompressionErrors
{
    /// <summary>Corrupt input: "SNAPPY data is corrupt: {problem}".</summary>
    [DoesNotReturn, StackTraceHidden]
    public static void Corrupt(ParquetCompression codec, string problem, Exception? inner = null)
        => throw new InvalidDataException($"{ParquetCompressionNames.ThriftName(codec)} data is corrupt: {problem}", inner);

    /// <summary>Input that decompresses to another size than the page header says.</summary>
    [DoesNotReturn, StackTraceHidden]
    public static void WrongSize(ParquetCompression codec, long actual, int expected)
        => throw new InvalidDataException(
            $"{ParquetCompressionNames.ThriftName(codec)} data decompresses to {actual} bytes, but the page header says {expected}");

    /// <summary>Input that decompresses to more bytes than the page header says (decompression stopped there).</summary>
    [DoesNotReturn, StackTraceHidden]
    public static void TooLong(ParquetCompression codec, int expected)
        => throw new InvalidDataException(
            $"{ParquetCompressionNames.ThriftName(codec)} data decompresses to more than the {expected} bytes the page header says");

    /// <summary>A destination shorter than the codec's bound.</summary>
    [DoesNotReturn, StackTraceHidden]
    public static void DestinationTooSmall(ParquetCompression codec, int length, int needed)
        => throw new ArgumentException(
            $"the destination for {ParquetCompressionNames.ThriftName(codec)} compression has {length} bytes; it needs at least {needed} (MaxCompressedLength)");

    /// <summary>Checks the destination against <see cref="ICompressionCodec.MaxCompressedLength"/>.</summary>
    public static void CheckDestination(ICompressionCodec codec, int sourceLength, int destinationLength)
    {
        var needed = codec.MaxCompressedLength(sourceLength);
        if (destinationLength < needed)
            DestinationTooSmall(codec.Codec, destinationLength, needed);
    }

    /// <summary>A bound that does not fit an <see cref="int"/>.</summary>
    public static int CheckBound(long bound, int length)
        => bound <= Array.MaxLength
            ? (int)bound
            : throw new ArgumentOutOfRangeException(nameof(length), length, "the page is too large to compress into one buffer");
}
