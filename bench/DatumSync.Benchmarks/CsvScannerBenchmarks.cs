using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DatumSync.Data.Formats.Csv;

namespace DatumSync.Benchmarks;

/// <summary>
/// The CSV structural scanner over ~16 MB in memory, per path and data shape, scanning in reader-sized slices of
/// <see cref="RowsPerScan"/> rows. The <c>MB/s</c> column is input bytes (10^6) per second of the mean.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class CsvScannerBenchmarks : IDisposable
{
    private const int RowsPerScan = 64 * 1024;

    private readonly CsvFieldIndex _index = new();
    private byte[] _data = [];
    private CsvScanner _scanner = null!;

    [Params(CsvScannerPath.Scalar, CsvScannerPath.Vector128, CsvScannerPath.Vector256)]
    public CsvScannerPath Path { get; set; }

    [Params(CsvShape.Typical, CsvShape.Quoted, CsvShape.Crlf)]
    public CsvShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = CsvBenchmarkData.Get(Shape);
        _scanner = new CsvScanner((byte)',', (byte)'"', Path);
        Scan(); // grows the index once, as a reader's first batch would
    }

    [Benchmark]
    public long Scan()
    {
        long fields = 0;
        var offset = 0;
        while (offset < _data.Length)
        {
            offset += _scanner.Scan(_data.AsSpan(offset), isFinal: true, _index, RowsPerScan);
            fields += _index.FieldCount;
        }
        return fields;
    }

    public void Dispose()
    {
        _index.Dispose();
        GC.SuppressFinalize(this);
    }

    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn());
    }

    /// <summary>Input megabytes per second, from the mean time and the shape's byte count.</summary>
    private sealed class ThroughputColumn : IColumn
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
}
