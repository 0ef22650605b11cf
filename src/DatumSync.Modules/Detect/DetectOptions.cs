using DatumSync.Data.Formats;
using DatumSync.Modules.Detect.Rules;

namespace DatumSync.Modules.Detect;

/// <summary>Options of the detect module.</summary>
public sealed record DetectOptions
{
    /// <summary>How to read the input.</summary>
    public ReadOptions Read { get; init; } = new();

    /// <summary>The dataset-type rules (the built-in ones unless replaced or extended).</summary>
    public DatasetRules Rules { get; init; } = DatasetRules.Default;

    /// <summary>Says where <see cref="Rules"/> came from, for the report.</summary>
    public string RulesSource { get; init; } = "built-in";

    /// <summary>Values sampled per column (uniform reservoir) for the classifier.</summary>
    public int SampleSize { get; init; } = 2_000;

    /// <summary>Seed of the reservoir sampling: the same file gives the same report.</summary>
    public int Seed { get; init; } = 42;
}
