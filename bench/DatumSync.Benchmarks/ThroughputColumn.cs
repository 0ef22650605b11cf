using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DatumSync.Benchmarks;

/// <summary>Input megabytes per second, from the mean time and the shape's byte count.</summary>
/// <remarks>Benchmarks with a <c>Shape</c> parameter (a <see cref="CsvShape"/>) get it.</remarks>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Input megabytes (10^6 bytes) scanned per second, from the mean";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0 || benchmarkCase.Parameters["Shape"] is not CsvShape shape)
            return "-";
        var bytes = CsvBenchmarkData.Get(shape).Length;
        return (bytes / (mean.Value / 1e9) / 1e6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
