using DatumSync.Benchmarks.Data;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

/// <summary>
/// A generated ~100 MB and ~1 GB CSV (made on first use, deleted at the end), and each command's run on each,
/// made once and shared, since one run of the 1 GB file takes a while.
/// </summary>
public sealed class LargeCsvFiles : IDisposable
{
    private static readonly ProcessRunOptions Slow = new() { Timeout = TimeSpan.FromMinutes(15) };

    private readonly TempDir _dir = new();
    private readonly Dictionary<string, Task<ProcessResult>> _inspect = [];
    private readonly Dictionary<string, Task<ConvertRun>> _convert = [];
    private readonly Dictionary<string, Task<ProcessResult>> _profile = [];

    /// <summary>Creates the descriptions; the files are written on first use.</summary>
    public LargeCsvFiles()
    {
        Small = new GeneratedCsv(_dir.File("mixed-100mb.csv"), MixedCsvGenerator.RowsForSize(100_000_000));
        Big = new GeneratedCsv(_dir.File("mixed-1gb.csv"), MixedCsvGenerator.RowsForSize(1_000_000_000));
    }

    /// <summary>About 100 MB.</summary>
    public GeneratedCsv Small { get; }

    /// <summary>About 1 GB (some 13 million rows).</summary>
    public GeneratedCsv Big { get; }

    /// <summary><c>datumsync inspect FILE --json</c>, run once per file.</summary>
    public Task<ProcessResult> InspectAsync(GeneratedCsv csv)
    {
        if (!_inspect.TryGetValue(csv.Path, out var run))
            _inspect[csv.Path] = run = CliRunner.RunAsync(["inspect", csv.Ensure(), "--json"], Slow with { WorkingDirectory = _dir.Path });
        return run;
    }

    /// <summary><c>datumsync profile FILE --json</c>, run once per file.</summary>
    public Task<ProcessResult> ProfileAsync(GeneratedCsv csv)
    {
        if (!_profile.TryGetValue(csv.Path, out var run))
            _profile[csv.Path] = run = CliRunner.RunAsync(["profile", csv.Ensure(), "--json", "--quiet"], Slow with { WorkingDirectory = _dir.Path });
        return run;
    }

    /// <summary><c>datumsync convert FILE -o FILE.ndjson</c>, run once per file; the output is counted, then deleted.</summary>
    public Task<ConvertRun> ConvertAsync(GeneratedCsv csv)
    {
        if (!_convert.TryGetValue(csv.Path, out var run))
            _convert[csv.Path] = run = RunConvertAsync(csv);
        return run;
    }

    /// <summary>Deletes the files.</summary>
    public void Dispose() => _dir.Dispose();

    private async Task<ConvertRun> RunConvertAsync(GeneratedCsv csv)
    {
        var output = Path.ChangeExtension(csv.Path, ".ndjson");
        try
        {
            var result = await CliRunner.RunAsync(["convert", csv.Ensure(), "-o", output], Slow with { WorkingDirectory = _dir.Path });
            return new ConvertRun(result, File.Exists(output) ? CountLines(output) : null);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Counts lines without holding the file: a final line without its newline counts too.</summary>
    private static long CountLines(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0;
        var last = (byte)'\n';
        int n;
        while ((n = file.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            last = buffer[n - 1];
        }
        return last == '\n' ? lines : lines + 1;
    }
}

/// <summary>A finished <c>convert</c> and the number of lines it wrote (null when it wrote no file).</summary>
public sealed record ConvertRun(ProcessResult Result, long? OutputLines);
