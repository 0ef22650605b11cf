using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Parquet.Tests.Peers;

/// <summary>
/// Third-party Parquet readers and writers (DuckDB, Polars, hyparquet) run through the scripts in
/// <c>tests/peers</c> (installed by <c>./test</c> with <c>npm ci</c>), so conformance tests can check our files
/// against theirs. Each call is one <c>node</c> process; a failure throws <see cref="ParquetPeerException"/> with
/// the engine's message, a run past its timeout has its process tree killed and throws <see cref="TimeoutException"/>.
/// </summary>
/// <remarks>
/// Values come back as DatumSync's canonical text so they compare directly with <c>ValueFormatter</c>'s output;
/// tests/peers/README.md lists where the engines legitimately differ (Polars' null structs, hyparquet's decimals
/// and timestamps, which the script reads exactly) and what each engine can write.
/// </remarks>
public static class ParquetPeers
{
    /// <summary>Reads and writes: a million rows take DuckDB about 12 s on the 2-core build machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private static readonly JsonSerializerOptions MetadataJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Reads <paramref name="path"/> with <paramref name="engine"/> (all columns, or only <paramref name="columns"/>).</summary>
    /// <exception cref="ParquetPeerException">The engine cannot read the file (exit 1) or the call was wrong (exit 2).</exception>
    public static async Task<ParquetPeerReadResult> ReadAsync(ParquetPeer engine, string path, IReadOnlyList<string>? columns = null, TimeSpan? timeout = null)
    {
        List<string> args = [engine.ScriptName(), Path.GetFullPath(path)];
        if (columns is { Count: > 0 })
            args.Add("--columns=" + string.Join(',', columns));
        var result = await RunAsync("parquet-read.mjs", args, timeout);
        return ParquetPeerReadResult.Parse(result.Stdout);
    }

    /// <summary>DuckDB's view of the footer; with <paramref name="pages"/> every page header too.</summary>
    /// <exception cref="ParquetPeerException">DuckDB cannot read the footer, or a page header is unreadable.</exception>
    public static async Task<ParquetPeerMetadata> MetadataAsync(string path, bool pages = false, TimeSpan? timeout = null)
    {
        List<string> args = [Path.GetFullPath(path)];
        if (pages)
            args.Add("--pages");
        var result = await RunAsync("parquet-meta.mjs", args, timeout);
        return JsonSerializer.Deserialize<ParquetPeerMetadata>(result.Stdout, MetadataJson)
            ?? throw new FormatException("parquet-meta.mjs printed null.");
    }

    /// <summary>Writes <paramref name="input"/> (a <c>.csv</c>, parsed by DuckDB, or a <c>.parquet</c>, read by the
    /// engine) to <paramref name="output"/> with <paramref name="engine"/>'s writer.</summary>
    /// <exception cref="ParquetPeerException">The engine failed (exit 1) or cannot honour an option (exit 2).</exception>
    public static Task WriteAsync(ParquetPeer engine, string input, string output, ParquetPeerWriteOptions? options = null) =>
        RunAsync("parquet-write.mjs", [engine.ScriptName(), Path.GetFullPath(input), Path.GetFullPath(output), .. (options ?? new()).ToArgs()], options?.Timeout);

    /// <summary>Writes the result of a DuckDB query to <paramref name="output"/>: every type DuckDB has, with
    /// <paramref name="engine"/>'s writer (Polars and hyparquet rewrite DuckDB's result).</summary>
    /// <exception cref="ParquetPeerException">The SQL or the engine failed (exit 1) or an option cannot be honoured (exit 2).</exception>
    public static Task WriteSqlAsync(string sql, string output, ParquetPeerWriteOptions? options = null, ParquetPeer engine = ParquetPeer.DuckDb) =>
        RunAsync("parquet-write.mjs", [engine.ScriptName(), $"--sql={sql}", Path.GetFullPath(output), .. (options ?? new()).ToArgs()], options?.Timeout);

    private static async Task<ProcessResult> RunAsync(string script, IReadOnlyList<string> args, TimeSpan? timeout)
    {
        RequireInstalled();
        var result = await ProcessRunner.RunAsync("node", [Path.Combine(RepoPaths.Peers, script), .. args], new ProcessRunOptions
        {
            Timeout = timeout ?? DefaultTimeout,
            MeasurePeakRss = false,
        });
        if (result.ExitCode != 0)
        {
            var stderr = result.Stderr.Trim();
            throw new ParquetPeerException($"{script} exited {result.ExitCode}: {stderr}\ncommand: {result.CommandLine}", result.CommandLine, result.ExitCode, result.Stderr);
        }
        return result;
    }

    private static void RequireInstalled()
    {
        foreach (var package in (string[])["@duckdb/node-api", "nodejs-polars", "hyparquet", "hyparquet-writer", "hyparquet-compressors"])
        {
            if (!Directory.Exists(Path.Combine(RepoPaths.Peers, "node_modules", package)))
            {
                throw new InvalidOperationException(
                    $"The test peers are not installed in {RepoPaths.Peers} ({package} is missing): run ./test (it runs npm ci there) or 'npm ci' in that folder.");
            }
        }
    }
}
