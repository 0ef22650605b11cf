namespace DatumSync.Parquet.Compression;

/// <summary>The codecs DatumSync reads and writes, by <see cref="ParquetCompression"/>.</summary>
internal static class Codecs
{
    private static readonly ICompressionCodec Uncompressed = new UncompressedCodec();
    private static readonly ICompressionCodec Snappy = new SnappyCodec();
    private static readonly ICompressionCodec Lz4Raw = new Lz4RawCodec();
    private static readonly ICompressionCodec Lz4Hadoop = new Lz4HadoopCodec();
    private static readonly ICompressionCodec Gzip = new GzipCodec(GzipCodec.DefaultLevel);
    private static readonly ICompressionCodec Brotli = new BrotliCodec(BrotliCodec.DefaultLevel);
    private static ICompressionCodec? s_zstd;

    /// <summary>
    /// The codec, at its default level where it has levels: what a reader needs (levels only matter when compressing).
    /// </summary>
    /// <exception cref="NotSupportedException">LZO, a value the format does not define, or ZSTD where libzstd.so.1 is not installed.</exception>
    public static ICompressionCodec Get(ParquetCompression codec) => codec switch
    {
        ParquetCompression.Uncompressed => Uncompressed,
        ParquetCompression.Snappy => Snappy,
        ParquetCompression.Gzip => Gzip,
        ParquetCompression.Brotli => Brotli,
        ParquetCompression.Lz4 => Lz4Hadoop,
        ParquetCompression.Zstd => s_zstd ??= new ZstdCodec(ZstdCodec.DefaultLevel),
        ParquetCompression.Lz4Raw => Lz4Raw,
        _ => throw Unsupported(codec),
    };

    /// <summary>The codec at the options' level: what a writer needs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is not one the codec has.</exception>
    /// <exception cref="NotSupportedException">As for <see cref="Get(ParquetCompression)"/>.</exception>
    public static ICompressionCodec Get(ParquetCompressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Level is null || options.Level == ParquetCompressionOptions.DefaultLevel(options.Codec))
            return Get(options.Codec);
        var level = options.Level.Value;
        return options.Codec switch
        {
            ParquetCompression.Zstd => new ZstdCodec(level),
            ParquetCompression.Gzip => new GzipCodec(level),
            ParquetCompression.Brotli => new BrotliCodec(level),
            _ => Get(options.Codec),
        };
    }

    private static NotSupportedException Unsupported(ParquetCompression codec)
    {
        var what = Enum.IsDefined(codec)
            ? $"Parquet compression {ParquetCompressionNames.ThriftName(codec)} is not supported"
            : $"Parquet compression codec {(int)codec} is not one the format defines";
        return new NotSupportedException(
            $"{what}; DatumSync reads and writes UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4_RAW and (deprecated) LZ4");
    }
}
