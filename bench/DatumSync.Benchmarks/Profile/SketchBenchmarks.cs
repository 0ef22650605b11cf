using System.Text;
using BenchmarkDotNet.Attributes;
using DatumSync.Modules.Profile.Sketches;

namespace DatumSync.Benchmarks.Profile;

/// <summary>
/// The profile sketches' update cost per value (<see cref="N"/> values per operation): what one column of one batch
/// costs. Values are log-normal doubles with about 1% duplicates; text is 12-byte IDs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class SketchBenchmarks
{
    private double[] _values = [];
    private ulong[] _hashes = [];
    private byte[][] _texts = [];

    [Params(65_536)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _values = [.. Enumerable.Range(0, N).Select(_ => Math.Round(Math.Exp(2 * (random.NextDouble() + random.NextDouble() - 1)), 4))];
        _hashes = [.. _values.Select(ProfileHash.OfDouble)];
        _texts = [.. Enumerable.Range(0, N).Select(i => Encoding.UTF8.GetBytes($"ID-{random.Next(1_000_000):D9}"))];
    }

    [Benchmark]
    public double KllAdd()
    {
        var sketch = new KllSketch();
        sketch.Add(_values);
        return sketch.Quantile(0.5);
    }

    [Benchmark]
    public double MomentsAdd()
    {
        var m = new Moments();
        m.Add(_values);
        return m.Kurtosis;
    }

    [Benchmark]
    public long DistinctAdd()
    {
        var counter = new DistinctCounter();
        foreach (var h in _hashes)
            counter.Add(h);
        return counter.Count;
    }

    [Benchmark]
    public ulong HashText()
    {
        ulong x = 0;
        foreach (var t in _texts)
            x ^= ProfileHash.OfBytes(t);
        return x;
    }

    [Benchmark]
    public long FrequentItemsAdd()
    {
        var items = new FrequentItems(256, 4096);
        foreach (var t in _texts)
        {
            var h = ProfileHash.OfBytes(t);
            if (!items.TryIncrement(h))
                items.Insert(h, t);
        }
        return items.MaxError;
    }
}
