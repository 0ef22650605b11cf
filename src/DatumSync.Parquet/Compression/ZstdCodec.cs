namespace DatumSync.Parquet.Compression;

/// <summary>
/// ZSTD: Zstandard frames through the system's libzstd.so.1 (<see cref="ZstdLibrary"/>). Decompression takes any
/// number of frames (skippable ones too), with or without their content size: streaming writers leave it out.
/// </summary>
internal sealed unsafe class ZstdCodec : ICompressionCodec
{
    /// <summary>zstd's own default.</summary>
    public const int DefaultLevel = 3;
    public const int MinLevel = 1;
    public const int MaxLevel = 22;

    [ThreadStatic] private static ZstdLibrary.Context? t_compression;
    [ThreadStatic] private static ZstdLibrary.Context? t_decompression;

    private readonly int _level;

    /// <exception cref="NotSupportedException">libzstd.so.1 is not installed.</exception>
    public ZstdCodec(int level)
    {
        ZstdLibrary.EnsureAvailable();
        _level = level;
    }

    public ParquetCompression Codec => ParquetCompression.Zstd;

    public int MaxCompressedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return CompressionErrors.CheckBound((long)ZstdLibrary.CompressBound((nuint)length), length);
    }

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CompressionErrors.CheckDestination(this, source.Length, destination.Length);
        var context = t_compression ??= ZstdLibrary.Context.ForCompression();
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
            result = ZstdLibrary.CompressCCtx(context.DangerousGetHandle(), dst, (nuint)destination.Length, src, (nuint)source.Length, _level);
        return ZstdLibrary.IsError(result) == 0
            ? (int)result
            : throw new InvalidOperationException($"ZSTD compression failed: {ZstdLibrary.ErrorName(result)}");
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
            CompressionErrors.Corrupt(Codec, "the page is empty; it should hold at least one frame");
        var context = t_decompression ??= ZstdLibrary.Context.ForDecompression();
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
            result = ZstdLibrary.DecompressDCtx(context.DangerousGetHandle(), dst, (nuint)destination.Length, src, (nuint)source.Length);
        if (ZstdLibrary.IsError(result) != 0)
        {
            if (ZstdLibrary.GetErrorCode(result) == ZstdLibrary.ErrorDestinationTooSmall)
                CompressionErrors.TooLong(Codec, destination.Length);
            CompressionErrors.Corrupt(Codec, ZstdLibrary.ErrorName(result));
        }
        if (result != (nuint)destination.Length)
            CompressionErrors.WrongSize(Codec, (long)result, destination.Length);
    }
}
