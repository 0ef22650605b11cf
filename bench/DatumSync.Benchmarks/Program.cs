using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using DatumSync.Benchmarks.Data;

// `generate --rows N --out FILE [--seed S]` writes the benchmark CSV (MixedCsvGenerator) instead of benchmarking;
// bench/compare/run.sh uses it. Anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "generate")
    return Generate(args[1..]);
// `queue [--postgres CS] [--jobs N] [--workers 1,2,4] [--mode queue|worker]`: job-queue throughput (QueueBenchmark).
if (args.Length > 0 && args[0] == "queue")
    return await DatumSync.Benchmarks.QueueBenchmark.RunAsync(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

static int Generate(string[] args)
{
    long? rows = null;
    string? output = null;
    var seed = MixedCsvGenerator.DefaultSeed;
    for (var i = 0; i < args.Length; i++)
    {
        var value = i + 1 < args.Length ? args[i + 1] : null;
        switch (args[i])
        {
            case "--rows" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var r):
                rows = r;
                i++;
                break;
            case "--out" when value is not null:
                output = value;
                i++;
                break;
            case "--seed" when ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s):
                seed = s;
                i++;
                break;
            default:
                return GenerateUsage($"unexpected '{args[i]}'{(value is null ? "" : $" '{value}'")}");
        }
    }
    if (rows is null || output is null)
        return GenerateUsage("--rows and --out are required");

    var clock = Stopwatch.StartNew();
    var dir = Path.GetDirectoryName(Path.GetFullPath(output));
    if (dir is not null)
        Directory.CreateDirectory(dir);
    var bytes = MixedCsvGenerator.WriteFile(output, rows.Value, seed);
    Console.Error.WriteLine($"generated {output}: {rows:N0} rows, {bytes / 1048576.0:N1} MiB in {clock.Elapsed.TotalSeconds:N1} s");
    return 0;
}

static int GenerateUsage(string message)
{
    Console.Error.WriteLine($"error: {message}");
    Console.Error.WriteLine("usage: DatumSync.Benchmarks generate --rows N --out FILE [--seed S]");
    return 2;
}
