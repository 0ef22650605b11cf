using System.Globalization;

namespace DatumSync.Parquet.Tests.Peers;

/// <summary>
/// How <c>tests/peers/parquet-write.mjs</c> writes. Null leaves the engine's default. An option the engine cannot
/// honour makes the write fail (exit 2) rather than quietly write something else; README.md in tests/peers has
/// the table of what each engine can do.
/// </summary>
public sealed record ParquetPeerWriteOptions
{
    /// <summary><c>uncompressed</c>, <c>snappy</c> (default), <c>gzip</c>, <c>zstd</c>, <c>brotli</c>, <c>lz4</c> (written as LZ4_RAW).</summary>
    public string? Compression { get; init; }

    /// <summary>DuckDB: zstd only; Polars: gzip, brotli, zstd; hyparquet: none.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Rows per row group (DuckDB rounds up to a multiple of 2048).</summary>
    public int? RowGroupSize { get; init; }

    /// <summary>false: no dictionary pages (DuckDB, hyparquet; Polars cannot). true: the engine's own choice.</summary>
    public bool? Dictionary { get; init; }

    /// <summary>1: DATA_PAGE (DuckDB, Polars). 2: DATA_PAGE_V2 (hyparquet, which writes only those).</summary>
    public int? PageVersion { get; init; }

    /// <summary>DuckDB's PARQUET_VERSION, <c>V1</c> or <c>V2</c> (newer encodings; still v1 page headers).</summary>
    public string? ParquetVersion { get; init; }

    /// <summary>Target data page size in bytes (Polars, hyparquet): small values make many pages per chunk.</summary>
    public int? PageSize { get; init; }

    /// <summary>hyparquet: an encoding per top-level column (PLAIN, DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY,
    /// DELTA_LENGTH_BYTE_ARRAY, BYTE_STREAM_SPLIT, RLE_DICTIONARY, RLE).</summary>
    public IReadOnlyDictionary<string, string>? Encodings { get; init; }

    /// <summary>hyparquet: top-level columns to write as REQUIRED (<c>*</c> for all); the others write OPTIONAL only.</summary>
    public IReadOnlyList<string>? Required { get; init; }

    /// <summary>CSV input: DuckDB types for some columns (<c>["price"] = "DECIMAL(18,6)"</c>); the rest are sniffed.</summary>
    public IReadOnlyDictionary<string, string>? Types { get; init; }

    /// <summary>How long the write may take; 120 s when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The script's options.</summary>
    internal IEnumerable<string> ToArgs()
    {
        if (Compression is not null)
            yield return $"--compression={Compression}";
        if (CompressionLevel is { } level)
            yield return $"--compression-level={level.ToString(CultureInfo.InvariantCulture)}";
        if (RowGroupSize is { } rows)
            yield return $"--row-group-size={rows.ToString(CultureInfo.InvariantCulture)}";
        if (Dictionary is { } dictionary)
            yield return dictionary ? "--dictionary=true" : "--dictionary=false";
        if (PageVersion is { } version)
            yield return $"--page-version={version.ToString(CultureInfo.InvariantCulture)}";
        if (ParquetVersion is not null)
            yield return $"--parquet-version={ParquetVersion}";
        if (PageSize is { } size)
            yield return $"--page-size={size.ToString(CultureInfo.InvariantCulture)}";
        if (Encodings is { Count: > 0 })
            yield return "--encodings=" + string.Join(',', Encodings.Select(e => $"{e.Key}:{e.Value}"));
        if (Required is { Count: > 0 })
            yield return "--required=" + string.Join(',', Required);
        if (Types is { Count: > 0 })
            yield return "--types=" + string.Join(',', Types.Select(t => $"{t.Key}:{t.Value}"));
    }
}
