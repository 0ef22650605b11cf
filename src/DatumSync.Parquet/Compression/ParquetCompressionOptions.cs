namespace DatumSync.Parquet.Compression;

/// <summary>
/// The codec a writer compresses pages with, and its level where the codec has levels.
/// </summary>
/// <param name="Codec">The codec; SNAPPY unless given.</param>
/// <param name="Level">
/// The level, or <see langword="null"/> for the codec's default: ZSTD 1 to 22 (default 3), GZIP 0 to 9 (default 6),
/// BROTLI 0 to 11 (default 5). SNAPPY, LZ4_RAW, LZ4 and UNCOMPRESSED have no levels.
/// </param>
public sealed record ParquetCompressionOptions(ParquetCompression Codec = ParquetCompression.Snappy, int? Level = null)
{
    /// <summary>SNAPPY, what writers use unless told otherwise.</summary>
    public static ParquetCompressionOptions Default { get; } = new();

    /// <summary>
    /// Reads what a user typed: a codec name (<see cref="ParquetCompressionNames.Parse"/>), optionally followed by a
    /// colon and a level: <c>zstd</c>, <c>zstd:9</c>, <c>gzip:1</c>.
    /// </summary>
    /// <exception cref="FormatException">An unknown codec, a level that is not a number, or a level the codec does not have.</exception>
    public static ParquetCompressionOptions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var codec = ParquetCompressionNames.Parse(colon < 0 ? text : text[..colon]);
        if (colon < 0)
            return new ParquetCompressionOptions(codec);
        var levelText = text[(colon + 1)..].Trim();
        if (!int.TryParse(levelText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var level))
            throw new FormatException($"compression level '{levelText}' is not a whole number");
        var options = new ParquetCompressionOptions(codec, level);
        return options.LevelProblem() is { } problem ? throw new FormatException(problem) : options;
    }

    /// <summary>Throws when <see cref="Level"/> is outside the codec's range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is not one the codec has.</exception>
    public void Validate()
    {
        if (LevelProblem() is { } problem)
            throw new ArgumentOutOfRangeException(nameof(Level), Level, problem);
    }

    /// <summary>The level the codec compresses at: <see cref="Level"/>, or the codec's default.</summary>
    internal int EffectiveLevel => Level ?? DefaultLevel(Codec);

    internal static int DefaultLevel(ParquetCompression codec) => codec switch
    {
        ParquetCompression.Zstd => ZstdCodec.DefaultLevel,
        ParquetCompression.Gzip => GzipCodec.DefaultLevel,
        ParquetCompression.Brotli => BrotliCodec.DefaultLevel,
        _ => 0,
    };

    private string? LevelProblem()
    {
        if (Level is not { } level)
            return null;
        var (min, max) = Codec switch
        {
            ParquetCompression.Zstd => (ZstdCodec.MinLevel, ZstdCodec.MaxLevel),
            ParquetCompression.Gzip => (0, 9),
            ParquetCompression.Brotli => (0, 11),
            _ => (1, 0),
        };
        var name = ParquetCompressionNames.ThriftName(Codec);
        if (min > max)
            return $"{name} has no compression levels; leave the level out";
        return level < min || level > max ? $"{name} compression level must be {min} to {max}, got {level}" : null;
    }
}
