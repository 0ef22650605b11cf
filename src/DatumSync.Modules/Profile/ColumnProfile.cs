using System.Text.Json.Serialization;

namespace DatumSync.Modules.Profile;

/// <summary>
/// One column's profile. Numeric statistics are JSON numbers; for temporal columns min, max, quantiles,
/// percentiles and histogram bounds are ISO strings (hence <see cref="object"/>-typed members).
/// </summary>
public sealed record ColumnProfile
{
    /// <summary>Column name.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>Data type (<c>int64</c>, <c>decimal(12,2)</c>, …), after any widening.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary><c>numeric</c>, <c>string</c>, <c>boolean</c> or <c>temporal</c>.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>Values, nulls included (= rows).</summary>
    [JsonPropertyName("count")] public long Count { get; init; }

    /// <summary>Nulls.</summary>
    [JsonPropertyName("nulls")] public long Nulls { get; init; }

    /// <summary>Nulls / count.</summary>
    [JsonPropertyName("null_fraction")] public double NullFraction { get; init; }

    /// <summary>Empty strings.</summary>
    [JsonPropertyName("empty")] public long Empty { get; init; }

    /// <summary>Distinct non-null values.</summary>
    [JsonPropertyName("distinct")] public long Distinct { get; init; }

    /// <summary>Whether <see cref="Distinct"/> is exact.</summary>
    [JsonPropertyName("distinct_exact")] public bool DistinctExact { get; init; }

    /// <summary>Whether every non-null value occurs once.</summary>
    [JsonPropertyName("unique")] public bool Unique { get; init; }

    /// <summary>Smallest value.</summary>
    [JsonPropertyName("min")] public object? Min { get; init; }

    /// <summary>Largest value.</summary>
    [JsonPropertyName("max")] public object? Max { get; init; }

    /// <summary>Mean.</summary>
    [JsonPropertyName("mean")] public double? Mean { get; init; }

    /// <summary>Sample standard deviation.</summary>
    [JsonPropertyName("stddev")] public double? StdDev { get; init; }

    /// <summary>Skewness (population, g1).</summary>
    [JsonPropertyName("skewness")] public double? Skewness { get; init; }

    /// <summary>Kurtosis (population, not excess: 3 for a normal distribution).</summary>
    [JsonPropertyName("kurtosis")] public double? Kurtosis { get; init; }

    /// <summary>Sum.</summary>
    [JsonPropertyName("sum")] public double? Sum { get; init; }

    /// <summary>Zeros.</summary>
    [JsonPropertyName("zeros")] public long? Zeros { get; init; }

    /// <summary>Negative values.</summary>
    [JsonPropertyName("negatives")] public long? Negatives { get; init; }

    /// <summary>p1, p5, p25, p50, p75, p95, p99.</summary>
    [JsonPropertyName("quantiles")] public IReadOnlyDictionary<string, object?>? Quantiles { get; init; }

    /// <summary>p0..p100 (101 values), for drift.</summary>
    [JsonPropertyName("percentiles")] public IReadOnlyList<object?>? Percentiles { get; init; }

    /// <summary>Equi-width histogram.</summary>
    [JsonPropertyName("histogram")] public HistogramReport? Histogram { get; init; }

    /// <summary>Most frequent values.</summary>
    [JsonPropertyName("top_values")] public IReadOnlyList<ValueCount>? TopValues { get; init; }

    /// <summary>Whether the top values' counts are exact.</summary>
    [JsonPropertyName("top_values_exact")] public bool? TopValuesExact { get; init; }

    /// <summary>Text lengths in characters.</summary>
    [JsonPropertyName("length")] public LengthStats? Length { get; init; }

    /// <summary>Most frequent character-class patterns.</summary>
    [JsonPropertyName("patterns")] public IReadOnlyList<PatternCount>? Patterns { get; init; }

    /// <summary>Boolean trues.</summary>
    [JsonPropertyName("true_count")] public long? TrueCount { get; init; }

    /// <summary>Boolean falses.</summary>
    [JsonPropertyName("false_count")] public long? FalseCount { get; init; }

    /// <summary>Date range and gaps.</summary>
    [JsonPropertyName("temporal")] public TemporalStats? Temporal { get; init; }

    /// <summary>Semantic type (<c>email</c>, <c>unknown</c>, …).</summary>
    [JsonPropertyName("semantic_type")] public string SemanticType { get; init; } = "unknown";

    /// <summary>0..1.</summary>
    [JsonPropertyName("semantic_confidence")] public double SemanticConfidence { get; init; }

    /// <summary>Whether the semantic type is personal data.</summary>
    [JsonPropertyName("pii")] public bool Pii { get; init; }

    /// <summary>Why the semantic type was chosen.</summary>
    [JsonPropertyName("semantic_evidence")] public IReadOnlyList<string> SemanticEvidence { get; init; } = [];

    /// <summary>Things to look at in this column.</summary>
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>An equi-width histogram.</summary>
/// <param name="Bins">Bins from min to max.</param>
public sealed record HistogramReport([property: JsonPropertyName("bins")] IReadOnlyList<HistogramBin> Bins);

/// <summary>A histogram bin: values in (lower, upper] (the first bin includes its lower bound).</summary>
/// <param name="Lower">Lower bound (number, or ISO string for temporal columns).</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Count">Values in the bin.</param>
public sealed record HistogramBin(
    [property: JsonPropertyName("lower")] object Lower,
    [property: JsonPropertyName("upper")] object Upper,
    [property: JsonPropertyName("count")] long Count);

/// <summary>A value and how often it occurs.</summary>
/// <param name="Value">The value as text.</param>
/// <param name="Count">Occurrences (a lower bound when not exact).</param>
public sealed record ValueCount([property: JsonPropertyName("value")] string Value, [property: JsonPropertyName("count")] long Count);

/// <summary>A character-class pattern and how often it occurs.</summary>
/// <param name="Pattern">The pattern (<c>Aa99-999</c>).</param>
/// <param name="Count">Values with this pattern.</param>
public sealed record PatternCount([property: JsonPropertyName("pattern")] string Pattern, [property: JsonPropertyName("count")] long Count);

/// <summary>Text lengths in characters.</summary>
/// <param name="Min">Shortest.</param>
/// <param name="Max">Longest.</param>
/// <param name="Mean">Average.</param>
public sealed record LengthStats(
    [property: JsonPropertyName("min")] long Min,
    [property: JsonPropertyName("max")] long Max,
    [property: JsonPropertyName("mean")] double Mean);

/// <summary>The range of a temporal column.</summary>
/// <param name="Min">Earliest value (ISO).</param>
/// <param name="Max">Latest value (ISO).</param>
/// <param name="DistinctDays">Calendar days with at least one value.</param>
/// <param name="LargestGap">The longest stretch between two consecutive days present.</param>
public sealed record TemporalStats(
    [property: JsonPropertyName("min")] string Min,
    [property: JsonPropertyName("max")] string Max,
    [property: JsonPropertyName("distinct_days")] long DistinctDays,
    [property: JsonPropertyName("largest_gap")] DayGap? LargestGap);

/// <summary>A gap between two days present in a column.</summary>
/// <param name="From">The day before the gap.</param>
/// <param name="To">The day after the gap.</param>
/// <param name="Days">To − From, in days.</param>
public sealed record DayGap(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("days")] int Days);
