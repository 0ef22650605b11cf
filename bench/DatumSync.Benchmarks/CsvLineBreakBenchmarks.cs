using BenchmarkDotNet.Attributes;
using DatumSync.Data.Formats.Csv;

namespace DatumSync.Benchmarks;

/// <summary><see cref="CsvScanner.CountLineBreaks"/> over the same ~16 MB as <see cref="CsvScannerBenchmarks"/>.</summary>
[Config(typeof(CsvScannerBenchmarks.Config))]
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class CsvLineBreakBenchmarks
{
    private byte[] _data = [];

    [Params(CsvShape.Typical, CsvShape.Crlf)]
    public CsvShape Shape { get; set; }

    [GlobalSetup]
    public void Setup() => _data = CsvBenchmarkData.Get(Shape);

    [Benchmark]
    public long CountLineBreaks() => CsvScanner.CountLineBreaks(_data);
}
