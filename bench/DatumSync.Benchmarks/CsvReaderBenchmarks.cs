using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Csv;

namespace DatumSync.Benchmarks;

/// <summary>
/// The whole CSV reader over ~16 MB in memory: encoding and dialect detection, type inference, scanning and typed
/// conversion into batches. <c>Typed</c> infers and converts every column; <c>AllStrings</c> only copies text.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class CsvReaderBenchmarks
{
    private byte[] _data = [];

    [Params(CsvShape.Typical, CsvShape.Quoted)]
    public CsvShape Shape { get; set; }

    [Params(false, true)]
    public bool AllStrings { get; set; }

    [GlobalSetup]
    public void Setup() => _data = CsvBenchmarkData.Get(Shape);

    [Benchmark]
    public async Task<long> Read()
    {
        await using var reader = await CsvReader.OpenAsync(DataSource.FromBytes(_data, "bench.csv"), new ReadOptions { AllStrings = AllStrings });
        long rows = 0;
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            rows += batch.RowCount;
            batch.Dispose();
        }
        return rows;
    }

    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn());
    }
}
