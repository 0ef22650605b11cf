using System.Text.Json.Serialization;

namespace DatumSync.Modules.Profile;

/// <summary>
/// What <c>profile</c> found. Serialises (with any options: the names are fixed) to the JSON described by
/// <c>docs/profile-report.schema.json</c>; numbers that do not apply are null.
/// </summary>
public sealed record ProfileReport
{
    /// <summary>Version of the JSON shape.</summary>
    [JsonPropertyName("schema_version")] public int SchemaVersion { get; init; } = 1;

    /// <summary>The input's name.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>Detected or given format.</summary>
    [JsonPropertyName("format")] public required string Format { get; init; }

    /// <summary>Input size in bytes, when known.</summary>
    [JsonPropertyName("size_bytes")] public long? SizeBytes { get; init; }

    /// <summary>Data rows.</summary>
    [JsonPropertyName("rows")] public long Rows { get; init; }

    /// <summary>Columns.</summary>
    [JsonPropertyName("column_count")] public int ColumnCount { get; init; }

    /// <summary>Wall time of the profile.</summary>
    [JsonPropertyName("elapsed_seconds")] public double ElapsedSeconds { get; init; }

    /// <summary>Rows equal to an earlier row.</summary>
    [JsonPropertyName("duplicate_rows")] public required DuplicateRowsReport DuplicateRows { get; init; }

    /// <summary>Per column, in schema order.</summary>
    [JsonPropertyName("columns")] public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    /// <summary>Pairwise correlations.</summary>
    [JsonPropertyName("correlations")] public required CorrelationReport Correlations { get; init; }

    /// <summary>Things to look at.</summary>
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Drift against a baseline report (only with <c>--compare</c>).</summary>
    [JsonPropertyName("comparison")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProfileComparisonReport? Comparison { get; init; }
}

/// <summary>Duplicate rows: rows minus distinct rows.</summary>
/// <param name="Estimate">Rows that repeat an earlier row.</param>
/// <param name="Fraction">Of all rows.</param>
/// <param name="Exact">Whether distinct rows were counted exactly (else estimated with HyperLogLog).</param>
public sealed record DuplicateRowsReport(
    [property: JsonPropertyName("estimate")] long Estimate,
    [property: JsonPropertyName("fraction")] double Fraction,
    [property: JsonPropertyName("exact")] bool Exact);

/// <summary>Pairwise correlations.</summary>
/// <param name="PairsConsidered">Column pairs examined.</param>
/// <param name="PairsCapped">Whether columns were left out by the caps.</param>
/// <param name="Values">One entry per pair and method.</param>
public sealed record CorrelationReport(
    [property: JsonPropertyName("pairs_considered")] int PairsConsidered,
    [property: JsonPropertyName("pairs_capped")] bool PairsCapped,
    [property: JsonPropertyName("values")] IReadOnlyList<CorrelationValue> Values);

/// <summary>One correlation.</summary>
/// <param name="A">First column.</param>
/// <param name="B">Second column.</param>
/// <param name="Method"><c>pearson</c>, <c>spearman</c> or <c>cramers_v</c>.</param>
/// <param name="Value">-1..1 (Cramér's V: 0..1).</param>
public sealed record CorrelationValue(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("value")] double Value);
