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
/// (<see cref="JobWorker.DrainAsync"/> running the noop module, chained: work directory, heartbeat task, report
/// serialisation), all as concurrent loops in this process; and <c>processes</c> (N real <c>datumsync worker</c>
/// processes of one worker each, see <see cref="RunProcessesAsync"/>).
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
        var logLevel = "Information";
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
                case "--log-level": logLevel = value; break;
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
                        rates.Add(mode == "processes" ? await RunProcessesAsync(provider, postgres, workers, jobs, logLevel) : await RunOnceAsync(provider, postgres, mode, workers, jobs));
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

    /// <summary>
    /// <paramref name="processes"/> real <c>datumsync worker --workers 1</c> processes, idle and listening; N jobs are
    /// inserted in one statement, and the clock runs from its commit until the last job has succeeded (polled every
    /// 10 ms). SQLite workers in other processes poll once a second, so up to a second of wake-up is included there.
    /// </summary>
    private static async Task<double> RunProcessesAsync(string provider, string? postgres, int processes, int jobs, string logLevel)
    {
        var dir = Directory.CreateTempSubdirectory("datumsync-queue-bench-").FullName;
        string? database = null;
        var started = new List<Process>();
        try
        {
            var args = new List<string> { CliDll(), "worker", "--data-dir", dir, "--workers", "1", "--log-level", logLevel };
            string connection;
            if (provider == "postgresql")
            {
                database = "bench_" + Guid.NewGuid().ToString("N");
                await ExecuteAsync(postgres!, $"CREATE DATABASE {database}");
                connection = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
                args.AddRange(["--database", connection]);
                await using var catalog = new PostgresCatalog(connection, TimeProvider.System);
                await catalog.MigrateAsync();
            }
            else
            {
                connection = Path.Combine(dir, "catalog.db");
                await using var catalog = new SqliteCatalog(connection, TimeProvider.System);
                await catalog.MigrateAsync();
            }
            for (var i = 0; i < processes; i++)
            {
                var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in args)
                    info.ArgumentList.Add(a);
                var process = Process.Start(info)!;
                var ready = new TaskCompletionSource();
                process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data?.StartsWith("datumsync worker:", StringComparison.Ordinal) == true)
                        ready.TrySetResult();
                };
                process.OutputDataReceived += (_, _) => { };
                process.BeginErrorReadLine();
                process.BeginOutputReadLine();
                started.Add(process);
                await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            await Task.Delay(500);
            var clock = Stopwatch.StartNew();
            long done;
            if (provider == "postgresql")
            {
                await ExecuteAsync(connection,
                    "INSERT INTO jobs (id, tenant_id, module, dataset_ids, options_json, state, attempts, max_attempts, created_at, run_after, cancel_requested) " +
                    $"SELECT gen_random_uuid(), '{Tenants.Default}', 'noop', '', '{{}}', 'queued', 0, 3, now(), now(), false FROM generate_series(1, {jobs}); NOTIFY {PostgresCatalog.Channel}");
                clock.Restart();
                await using var poll = new NpgsqlConnection(connection);
                await poll.OpenAsync();
                do
                {
                    await Task.Delay(10);
                    await using var count = new NpgsqlCommand("SELECT count(*) FROM jobs WHERE state = 'succeeded'", poll);
                    done = (long)(await count.ExecuteScalarAsync())!;
                } while (done < jobs);
            }
            else
            {
                await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={connection};Default Timeout=30");
                await sqlite.OpenAsync();
                await using (var insert = sqlite.CreateCommand())
                {
                    insert.CommandText =
                        "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + jobs.ToString(CultureInfo.InvariantCulture) + ") " +
                        "INSERT INTO jobs (id, tenant_id, module, dataset_ids, options_json, state, attempts, max_attempts, created_at, run_after, cancel_requested) " +
                        "SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), " +
                        $"'{Tenants.Default}', 'noop', '', '{{}}', 'queued', 0, 3, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), " +
                        "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), 0 FROM s";
                    await insert.ExecuteNonQueryAsync();
                }
                clock.Restart();
                do
                {
                    await Task.Delay(10);
                    await using var count = sqlite.CreateCommand();
                    count.CommandText = "SELECT count(*) FROM jobs WHERE state = 'succeeded'";
                    done = (long)(await count.ExecuteScalarAsync())!;
                } while (done < jobs);
            }
            clock.Stop();
            return jobs / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var process in started)
            {
                process.Kill();
                await process.WaitForExitAsync();
                process.Dispose();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(postgres!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string CliDll()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "DatumSync.slnx")))
                return Path.Combine(d.FullName, "artifacts", "bin", "DatumSync.Cli", "release", "datumsync.dll");
        }
        throw new InvalidOperationException("cannot find the repository root (build the CLI in Release first)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
