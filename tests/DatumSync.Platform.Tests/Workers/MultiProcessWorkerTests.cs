using System.Text.RegularExpressions;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Catalog.Postgres;
using DatumSync.Platform.Catalog.Sqlite;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Tests.Support;

namespace DatumSync.Platform.Tests.Workers;

/// <summary>
/// Scale-out as deployed: several <c>datumsync worker</c> processes against one catalog and one data directory.
/// Each job's executions are counted from the workers' own logs ("job … succeeded" lines), independently of the
/// catalog's attempt counter.
/// </summary>
public sealed partial class MultiProcessWorkerTests : IDisposable
{
    private readonly TempDir _dir = new();

    [GeneratedRegex(@"job ([0-9a-f-]{36}) \(noop\) attempt (\d+) succeeded")]
    private static partial Regex Succeeded();

    private static Dictionary<Guid, int> CountSuccesses(IEnumerable<string> logs)
    {
        var counts = new Dictionary<Guid, int>();
        foreach (var log in logs)
        {
            foreach (Match m in Succeeded().Matches(log))
            {
                var id = Guid.Parse(m.Groups[1].Value);
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
        return counts;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int timeoutSeconds, Func<string> describe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not done after {timeoutSeconds} s: {describe()}");
            await Task.Delay(200);
        }
    }

    private async Task DrainAsync(SqlCatalog catalog, string[] databaseArgs, int processes, int jobs, string options = "{}")
    {
        await catalog.MigrateAsync();
        var workers = new List<WorkerProcess>();
        try
        {
            for (var i = 0; i < processes; i++)
                workers.Add(await WorkerProcess.StartAsync([.. databaseArgs, "--data-dir", _dir.Path, "--workers", "2", "--heartbeat-seconds", "1", "--lease-seconds", "5"]));
            var ids = new List<Guid>(jobs);
            for (var i = 0; i < jobs; i++)
                ids.Add((await catalog.EnqueueAsync(new NewJob(Tenants.Default, "noop", [], options))).Id);

            var succeeded = 0;
            await WaitUntilAsync(async () =>
            {
                succeeded = (await catalog.ListJobsAsync(new JobQuery(Tenants.Default, JobState.Succeeded, Limit: jobs + 1))).Count;
                return succeeded == jobs;
            }, 300, () => $"{succeeded} of {jobs} succeeded");
            foreach (var worker in workers)
                (await worker.StopAsync()).Should().Be(0, worker.Log);

            var all = await catalog.ListJobsAsync(new JobQuery(Tenants.Default, Limit: jobs + 1));
            all.Should().HaveCount(jobs).And.OnlyContain(j => j.State == JobState.Succeeded && j.Attempts == 1, "every job was claimed once");
            var counts = CountSuccesses(workers.Select(w => w.Log));
            counts.Keys.Should().BeEquivalentTo(ids, "every job was executed");
            counts.Values.Should().OnlyContain(c => c == 1, "no job was executed twice");
            workers.Should().OnlyContain(w => Succeeded().IsMatch(w.Log), "every process took a share of the work");
        }
        finally
        {
            foreach (var worker in workers)
                worker.Dispose();
        }
    }

    [Fact]
    public async Task Four_worker_processes_on_postgresql_drain_2000_jobs_executing_each_exactly_once()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var catalog = new PostgresCatalog(connection, TimeProvider.System);
            await DrainAsync(catalog, ["--database", connection], processes: 4, jobs: 2000);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task Two_worker_processes_on_one_sqlite_file_drain_300_jobs_executing_each_exactly_once()
    {
        await using var catalog = new SqliteCatalog(Path.Combine(_dir.Path, "catalog.db"), TimeProvider.System);
        // SQLite cannot notify other processes: they poll each second. Jobs of 20 ms keep the queue busy long enough
        // for both processes to find work.
        await DrainAsync(catalog, [], processes: 2, jobs: 300, options: """{"sleepMs": 20}""");
    }

    [Fact]
    public async Task A_worker_killed_mid_job_has_its_job_rescued_and_completed_once_with_no_partial_outputs()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            await using var catalog = new PostgresCatalog(connection, TimeProvider.System);
            await catalog.MigrateAsync();
            string[] args = ["--database", connection, "--data-dir", _dir.Path, "--workers", "1", "--heartbeat-seconds", "0.5", "--lease-seconds", "1.5"];
            var job = await catalog.EnqueueAsync(new NewJob(Tenants.Default, "noop", [], """{"sleepMs": 6000, "outputs": 6}"""));

            using var doomed = await WorkerProcess.StartAsync(args);
            var workRoot = Path.Combine(_dir.Path, "work");
            string[] partial = [];
            await WaitUntilAsync(() =>
            {
                // Mid-job: the module has written some of its six files into the attempt's private directory.
                partial = Directory.Exists(workRoot) ? Directory.GetFiles(workRoot, "out-*.txt", SearchOption.AllDirectories) : [];
                return Task.FromResult(partial.Length is >= 2 and < 6);
            }, 60, () => $"{partial.Length} partial outputs; worker log:\n{doomed.Log}");
            var deadDirectory = Path.GetDirectoryName(partial[0])!;
            var deadToken = Path.GetFileName(deadDirectory).Split('-')[1];
            doomed.KillHard();
            (await catalog.GetJobAsync(Tenants.Default, job.Id))!.State.Should().Be(JobState.Running, "nobody has noticed the death yet");

            using var rescuer = await WorkerProcess.StartAsync(args);
            Job? done = null;
            await WaitUntilAsync(async () =>
            {
                done = await catalog.GetJobAsync(Tenants.Default, job.Id);
                return done!.State is JobState.Succeeded or JobState.Failed;
            }, 90, () => $"job is {done?.State}; rescuer log:\n{rescuer.Log}");
            (await rescuer.StopAsync()).Should().Be(0);

            done!.State.Should().Be(JobState.Succeeded);
            done.Attempts.Should().Be(2, "the killed attempt and the rescued one");
            var outputs = await catalog.ListOutputsAsync(Tenants.Default, job.Id);
            outputs.Select(o => o.Name).Should().Equal("out-0001.txt", "out-0002.txt", "out-0003.txt", "out-0004.txt", "out-0005.txt", "out-0006.txt");
            var prefixes = outputs.Select(o => o.StorageKey[..(o.StorageKey.LastIndexOf('/') + 1)]).Distinct().ToList();
            prefixes.Should().ContainSingle("the outputs are one attempt's set").Which.Should().NotContain(deadToken);
            var store = new FileSystemObjectStore(Path.Combine(_dir.Path, "store"));
            (await store.ListAsync(ObjectKeys.JobPrefix(job.Id))).Should().Equal(outputs.Select(o => o.StorageKey), "nothing else of the job is stored");
            foreach (var output in outputs)
                (await store.StatAsync(output.StorageKey))!.SizeBytes.Should().Be(output.SizeBytes);
            Directory.Exists(deadDirectory).Should().BeFalse("the succeeding attempt swept the dead attempt's work directory");
            CountSuccesses([rescuer.Log, doomed.Log]).Should().Equal(new Dictionary<Guid, int> { [job.Id] = 1 });
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    public void Dispose() => _dir.Dispose();
}
