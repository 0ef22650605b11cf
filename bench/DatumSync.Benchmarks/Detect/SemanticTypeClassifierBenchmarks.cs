using BenchmarkDotNet.Attributes;
using DatumSync.Modules.Detect;
using DatumSync.Modules.Tests.Detect;

namespace DatumSync.Benchmarks.Detect;

/// <summary>
/// <see cref="SemanticTypeClassifier.Classify"/> on a 1,000-value sample per semantic type (the first labelled fixture
/// column of each type), the size the profile module passes per column. The budget is well under 1 ms per column.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SemanticTypeClassifierBenchmarks
{
    private ColumnSample _sample = null!;

    /// <summary>The labelled type whose first fixture column is classified.</summary>
    [ParamsSource(nameof(Types))]
    public string Type { get; set; } = "";

    public static IEnumerable<string> Types => SemanticTypes.All;

    [GlobalSetup]
    public void Setup() => _sample = SemanticFixtures.All(valuesPerColumn: 1_000).First(f => f.Label == Type).Sample;

    [Benchmark]
    public string Classify() => SemanticTypeClassifier.Classify(_sample).Type;
}
