using System.Globalization;
using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet;

/// <summary>How the Parquet writer lays out a file.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>Rows per row group unless told otherwise (about what DuckDB and Arrow write).</summary>
    public const int DefaultRowGroupRows = 128 * 1024;

    /// <summary>Target uncompressed size of a data page.</summary>
    public const int DefaultPageBytes = 1 << 20;

    /// <summary>Largest dictionary (encoded bytes) before a column chunk falls back to PLAIN.</summary>
    public const int DefaultDictionaryBytes = 1 << 20;

    /// <summary>Compression codec and level (default SNAPPY).</summary>
    public ParquetCompressionOptions Compression { get; init; } = ParquetCompressionOptions.Default;

    /// <summary>Rows per row group: memory is bounded by one row group.</summary>
    public int RowGroupRows { get; init; } = DefaultRowGroupRows;

    /// <summary>Target uncompressed bytes per data page.</summary>
    public int PageBytes { get; init; } = DefaultPageBytes;

    /// <summary>Whether columns start dictionary-encoded (RLE_DICTIONARY) and fall back to PLAIN when the dictionary
    /// grows past <see cref="DictionaryBytes"/> or most values are distinct.</summary>
    public bool Dictionary { get; init; } = true;

    /// <summary>The dictionary size limit.</summary>
    public int DictionaryBytes { get; init; } = DefaultDictionaryBytes;

    /// <summary>Extra key-value metadata for the footer.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The <c>WriteOptions.Settings</c> keys the Parquet writer reads.</summary>
    public static class Keys
    {
        /// <summary><c>snappy</c>, <c>gzip</c>, <c>zstd</c>, <c>none</c> (optionally <c>zstd:9</c>).</summary>
        public const string Compression = "parquet.compression";

        /// <summary>Rows per row group.</summary>
        public const string RowGroupRows = "parquet.row-group-rows";

        /// <summary>Bytes per page.</summary>
        public const string PageBytes = "parquet.page-bytes";

        /// <summary><c>true</c> or <c>false</c>.</summary>
        public const string Dictionary = "parquet.dictionary";
    }

    /// <summary>Reads the options from generic write settings.</summary>
    /// <exception cref="FormatException">A setting is malformed.</exception>
    public static ParquetWriteOptions FromSettings(IReadOnlyDictionary<string, string>? settings)
    {
        var options = new ParquetWriteOptions();
        if (settings is null)
            return options;
        if (settings.TryGetValue(Keys.Compression, out var compression))
            options = options with { Compression = ParquetCompressionOptions.Parse(compression) };
        if (settings.TryGetValue(Keys.RowGroupRows, out var rows))
            options = options with { RowGroupRows = Positive(rows, "row group rows") };
        if (settings.TryGetValue(Keys.PageBytes, out var page))
            options = options with { PageBytes = Positive(page, "page bytes") };
        if (settings.TryGetValue(Keys.Dictionary, out var dictionary))
            options = options with { Dictionary = bool.TryParse(dictionary, out var on) ? on : throw new FormatException($"dictionary must be true or false, got '{dictionary}'") };
        return options;
    }

    private static int Positive(string text, string what)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new FormatException($"{what} must be a positive whole number, got '{text}'");
}
