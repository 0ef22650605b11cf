using DatumSync.Data.Formats;

namespace DatumSync.Modules.Profile;

/// <summary>Options of the profile module.</summary>
public sealed record ProfileOptions
{
    /// <summary>How to read the input.</summary>
    public ReadOptions Read { get; init; } = new();

    /// <summary>Most frequent values reported per column.</summary>
    public int TopValues { get; init; } = 10;

    /// <summary>Items the heavy-hitter summary tracks per column (more: tighter counts, more memory).</summary>
    public int TopValuesCapacity { get; init; } = 256;

    /// <summary>Character-class patterns reported per text column.</summary>
    public int TopPatterns { get; init; } = 10;

    /// <summary>Patterns tracked per text column.</summary>
    public int PatternsCapacity { get; init; } = 128;

    /// <summary>Equi-width histogram bins for numeric and temporal columns.</summary>
    public int HistogramBins { get; init; } = 20;

    /// <summary>KLL top-level capacity (k): the rank error is about 0.5% at 400 and shrinks roughly as 1/k.</summary>
    public int QuantileK { get; init; } = Sketches.KllSketch.DefaultK;

    /// <summary>Non-null values sampled per column for the semantic-type classifier.</summary>
    public int SampleValues { get; init; } = 1000;

    /// <summary>Whether to compute correlations.</summary>
    public bool Correlations { get; init; } = true;

    /// <summary>Numeric columns considered for Pearson/Spearman (the first ones in schema order): n(n−1)/2 pairs.</summary>
    public int MaxNumericCorrelationColumns { get; init; } = 50;

    /// <summary>Text/boolean columns considered for Cramér's V (the first ones in schema order).</summary>
    public int MaxCategoricalCorrelationColumns { get; init; } = 30;

    /// <summary>A column takes part in Cramér's V only while it has at most this many distinct values.</summary>
    public int MaxCategories { get; init; } = 50;

    /// <summary>Rows sampled for Spearman's rank correlation.</summary>
    public int SpearmanSampleRows { get; init; } = 10_000;

    /// <summary>Seed of the row sampling (reproducible samples).</summary>
    public ulong Seed { get; init; } = 0x5EED_0F_DA7A;

    /// <summary>Parallel workers; 0 means one per processor.</summary>
    public int Workers { get; init; }
}
