using System.Buffers;
using System.IO.Compression;

namespace DatumSync.Parquet.Compression;

/// <summary>BROTLI: one raw Brotli stream (RFC 7932) through the runtime's <see cref="BrotliEncoder"/> and <see cref="BrotliDecoder"/>.</summary>
internal sealed class BrotliCodec : ICompressionCodec
{
    /// <summary>A middle quality: levels above it cost several times the time for a few percent.</summary>
    public const int DefaultLevel = 5;

    /// <summary>Brotli's default window (4 MiB), which every decoder accepts.</summary>
    private const int WindowBits = 22;

    private readonly int _quality;

    public BrotliCodec(int quality) => _quality = quality;

    public ParquetCompression Codec => ParquetCompression.Brotli;

    public int MaxCompressedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return CompressionErrors.CheckBound(BrotliEncoder.GetMaxCompressedLength(length), length);
    }

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CompressionErrors.CheckDestination(this, source.Length, destination.Length);
        return BrotliEncoder.TryCompress(source, destination, out var written, _quality, WindowBits)
            ? written
            : throw new InvalidOperationException($"BROTLI output of {source.Length} bytes exceeded MaxCompressedLength");
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var decoder = new BrotliDecoder();
        var status = decoder.Decompress(source, destination, out var consumed, out var written);
        if (status == OperationStatus.DestinationTooSmall)
        {
            // The page is full, but the stream may still hold its end marker: let it finish into a spare byte.
            Span<byte> spare = stackalloc byte[1];
            status = decoder.Decompress(source[consumed..], spare, out var consumedAfter, out var writtenAfter);
            if (writtenAfter > 0 || status == OperationStatus.DestinationTooSmall)
                CompressionErrors.TooLong(Codec, destination.Length);
            consumed += consumedAfter;
        }
        switch (status)
        {
            case OperationStatus.InvalidData:
                CompressionErrors.Corrupt(Codec, $"invalid data after {written} bytes of output");
                break;
            case OperationStatus.NeedMoreData:
                CompressionErrors.Corrupt(Codec, $"the stream is truncated after {written} bytes of output");
                break;
        }
        if (written != destination.Length)
            CompressionErrors.WrongSize(Codec, written, destination.Length);
        if (consumed != source.Length)
            CompressionErrors.Corrupt(Codec, $"{source.Length - consumed} stray bytes follow the end of the stream");
    }
}
