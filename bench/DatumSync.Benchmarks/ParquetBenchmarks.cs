using BenchmarkDotNet.Attributes;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Csv;
using DatumSync.Parquet;
using DatumSync.Parquet.Compression;

namespace DatumSync.Benchmarks;

/// <summary>
/// The Parquet writer and reader over the typed batches of the ~16.8 MB typical CSV (227k rows, 8 columns), in memory:
/// writing with each codec, and reading the SNAPPY file back.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class ParquetBenchmarks : IDisposable
{
    private readonly List<RecordBatch> _batches = [];
    private Schema _schema = null!;
    private byte[] _file = [];

    [Params(ParquetCompression.Uncompressed, ParquetCompression.Snappy, ParquetCompression.Zstd)]
    public ParquetCompression Codec { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        await using var reader = await CsvReader.OpenAsync(DataSource.FromBytes(CsvBenchmarkData.Get(CsvShape.Typical), "bench.csv"), new ReadOptions());
        _schema = reader.Schema;
        while (await reader.ReadNextBatchAsync() is { } batch)
            _batches.Add(batch);
        _file = await WriteAsync();
    }

    [Benchmark]
    public async Task<int> Write() => (await WriteAsync()).Length;

    [Benchmark]
    public async Task<long> Read()
    {
        await using var reader = await ParquetReader.OpenAsync(DataSource.FromBytes(_file, "bench.parquet"));
        long rows = 0;
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            rows += batch.RowCount;
            batch.Dispose();
        }
        return rows;
    }

    private async Task<byte[]> WriteAsync()
    {
        using var stream = new MemoryStream();
        await using (var writer = new ParquetWriter(stream, _schema, new ParquetWriteOptions { Compression = new ParquetCompressionOptions(Codec) }))
        {
            foreach (var batch in _batches)
                await writer.WriteBatchAsync(batch);
            await writer.CompleteAsync();
        }
        return stream.ToArray();
    }

    public void Dispose()
    {
        foreach (var batch in _batches)
            batch.Dispose();
        GC.SuppressFinalize(this);
    }
}
