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
}
