using System.Diagnostics.CodeAnalysis;

namespace DatumSync.Parquet.Compression;

/// <summary>
/// The names of compression codecs: the lowercase names users type (<c>snappy</c>, <c>zstd</c>, <c>none</c>) and the
/// Thrift names that messages about files use (<c>SNAPPY</c>, <c>LZ4_RAW</c>).
/// </summary>
public static class ParquetCompressionNames
{
    // The order users see in the list of choices.
    private static readonly (string Name, ParquetCompression Codec)[] Choices =
    [
        ("none", ParquetCompression.Uncompressed),
        ("snappy", ParquetCompression.Snappy),
        ("gzip", ParquetCompression.Gzip),
        ("zstd", ParquetCompression.Zstd),
        ("brotli", ParquetCompression.Brotli),
        ("lz4_raw", ParquetCompression.Lz4Raw),
    ];

    /// <summary>The names <see cref="Parse"/> accepts, in order, for help texts: <c>none, snappy, gzip, zstd, brotli, lz4_raw</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Choices.Select(c => c.Name).ToArray());

    /// <summary>
    /// Reads a codec name a user typed, ignoring case and surrounding spaces: <c>none</c> or <c>uncompressed</c>,
    /// <c>snappy</c>, <c>gzip</c>, <c>zstd</c>, <c>brotli</c>, <c>lz4_raw</c> (or <c>lz4raw</c>).
    /// </summary>
    /// <exception cref="FormatException">The text names no codec that DatumSync writes; the message lists the choices.</exception>
    public static ParquetCompression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var codec)
            ? codec
            : throw new FormatException($"unknown compression '{text.Trim()}'; expected one of {string.Join(", ", Names)}");
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ParquetCompression codec)
    {
        var name = text?.Trim().ToLowerInvariant();
        name = name switch
        {
            "uncompressed" => "none",
            "lz4raw" or "lz4-raw" => "lz4_raw",
            _ => name,
        };
        foreach (var choice in Choices)
        {
            if (choice.Name == name)
            {
                codec = choice.Codec;
                return true;
            }
        }
        codec = default;
        return false;
    }

    /// <summary>The name of the codec in the Parquet format, as messages about files show it: <c>SNAPPY</c>, <c>LZ4_RAW</c>, or the number for a value the format does not define.</summary>
    public static string ThriftName(ParquetCompression codec) => codec switch
    {
        ParquetCompression.Uncompressed => "UNCOMPRESSED",
        ParquetCompression.Snappy => "SNAPPY",
        ParquetCompression.Gzip => "GZIP",
        ParquetCompression.Lzo => "LZO",
        ParquetCompression.Brotli => "BROTLI",
        ParquetCompression.Lz4 => "LZ4",
        ParquetCompression.Zstd => "ZSTD",
        ParquetCompression.Lz4Raw => "LZ4_RAW",
        _ => ((int)codec).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
