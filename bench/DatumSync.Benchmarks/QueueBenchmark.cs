using System.Diagnostics;
using System.Globalization;
using DatumSync.Platform;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Catalog.Postgres;
using DatumSync.Platform.Catalog.Sqlite;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DatumSync.Benchmarks;

/// <summary>
/// No-op jobs claimed and completed per second, with 1, 2, 4… concurrent workers, on SQLite and (given a server) on
/// PostgreSQL. Each run gets a fresh database holding N queued jobs (enqueued untimed); the clock runs from the
/// first claim to the last completion. Modes: <c>queue</c> (claim, then complete: two round trips per job),
/// <c>chained</c> (each completion carries the next claim: one round trip per job on PostgreSQL) and <c>worker</c>
/// (<see cref="JobWorker.DrainAsync"/> running the noop module, chained: work directory, heartbeat task, report serialisation).
/// </summary>
public static class QueueBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? postgres = null;
        var jobs = 10_000;
        int[] workerCounts = [1, 2, 4];
        string[] modes = ["queue", "chained", "worker"];
        var repeats = 3;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i - 1])
            {
                case "--postgres": postgres = value; break;
                case "--jobs": jobs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--workers": workerCounts = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))]; break;
                case "--mode": modes = value.Split(','); break;
                case "--repeats": repeats = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i - 1]}");
            }
        }
        Console.WriteLine($"| provider | mode | workers | jobs | best jobs/s | all runs (jobs/s) |");
        Console.WriteLine($"|---|---|---:|---:|---:|---|");
        foreach (var provider in postgres is null ? ["sqlite"] : new[] { "sqlite", "postgresql" })
        {
            foreach (var mode in modes)
            {
                foreach (var workers in workerCounts)
                {
                    var rates = new List<double>();
                    for (var r = 0; r < repeats; r++)
                        rates.Add(await RunOnceAsync(provider, postgres, mode, workers, jobs));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {provider} | {mode} | {workers} | {jobs:N0} | {rates.Max():N0} | {string.Join(", ", rates.Select(x => x.ToString("N0", CultureInfo.InvariantCulture)))} |"));
                }
            }
        }
        return 0;
    }

    private static async Task<double> RunOnceAsync(string provider, string? postgres, string mode, int workers, int jobs)
    {
        var dir = Directory.CreateTempSubdirectory("datumsync-queue-bench-").FullName;
        string? database = null;
        try
        {
            SqlCatalog catalog;
            if (provider == "postgresql")
            {
                database = "bench_" + Guid.NewGuid().ToString("N");
                await ExecuteAsync(postgres!, $"CREATE DATABASE {database}");
                catalog = new PostgresCatalog(new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString, TimeProvider.System);
            }
            else
            {
                catalog = new SqliteCatalog(Path.Combine(dir, "catalog.db"), TimeProvider.System);
            }
            await using (catalog)
            {
                await catalog.MigrateAsync();
                // Enqueue from 4 tasks: setup, not measured.
                await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
                {
                    for (var i = t; i < jobs; i += 4)
                        await catalog.EnqueueAsync(new NewJob(Tenants.Default, "noop", [], "{}"));
                })));
                var options = new PlatformOptions { DataDirectory = dir, Workers = workers }.Resolve();
                var store = new FileSystemObjectStore(options.StorageDirectory);
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
                {
                    var id = $"bench/{w}";
                    if (mode == "worker")
                    {
                        var worker = new JobWorker(id, catalog, store, options, TimeProvider.System, new Random(w), NullLogger.Instance);
                        await worker.DrainAsync();
                    }
                    else if (mode == "chained")
                    {
                        var lease = await catalog.Queue.TryClaimAsync(id, options.LeaseDuration);
                        while (lease is not null)
                        {
                            var (completed, next) = await catalog.Queue.CompleteAndClaimAsync(lease, "{}", [], id, options.LeaseDuration);
                            if (!completed)
                                throw new InvalidOperationException("a completion was rejected");
                            lease = next ?? await catalog.Queue.TryClaimAsync(id, options.LeaseDuration);
                        }
                    }
                    else
                    {
                        while (await catalog.Queue.TryClaimAsync(id, options.LeaseDuration) is { } lease)
                        {
                            if (!await catalog.Queue.CompleteAsync(lease, "{}", []))
                                throw new InvalidOperationException("a completion was rejected");
                        }
                    }
                })));
                clock.Stop();
                var done = (await catalog.ListJobsAsync(new JobQuery(Tenants.Default, JobState.Succeeded, Limit: jobs + 1))).Count;
                if (done != jobs)
                    throw new InvalidOperationException($"{done} of {jobs} jobs succeeded");
                return jobs / clock.Elapsed.TotalSeconds;
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(postgres!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
