using System.Text.Json;

namespace DatumSync.Cli.Tests.Harness;

/// <summary>The reference readers in <c>tests/peers</c> (installed by <c>./test</c> with <c>npm ci</c>).</summary>
public static class Peers
{
    /// <summary>Runs SQL in DuckDB (<c>tests/peers/duckdb-query.mjs</c>) and returns the result rows; throws with
    /// DuckDB's message when the query fails. Value encodings are documented at the top of that script.</summary>
    public static async Task<IReadOnlyList<JsonElement>> DuckDbAsync(string sql, TimeSpan? timeout = null)
    {
        var script = Path.Combine(RepoPaths.Peers, "duckdb-query.mjs");
        if (!Directory.Exists(Path.Combine(RepoPaths.Peers, "node_modules", "@duckdb", "node-api")))
        {
            throw new InvalidOperationException(
                $"The test peers are not installed in {RepoPaths.Peers}: run ./test (it runs npm ci there) or 'npm ci' in that folder.");
        }
        var result = await ProcessRunner.RunAsync("node", [script, sql], new ProcessRunOptions
        {
            Timeout = timeout ?? ProcessRunOptions.DefaultTimeout,
            MeasurePeakRss = false,
        });
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"DuckDB failed: {result.Stderr.Trim()}\nSQL: {sql}");
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<JsonElement>(line))];
    }

    /// <summary>A path as a single-quoted SQL string literal.</summary>
    public static string SqlString(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
