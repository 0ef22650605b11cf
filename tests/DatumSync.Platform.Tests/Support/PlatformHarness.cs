using System.Security.Cryptography;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Catalog.Sqlite;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Workers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace DatumSync.Platform.Tests.Support;

/// <summary>A data directory with a migrated SQLite catalog and a filesystem store, for worker tests.</summary>
public sealed class PlatformHarness : IAsyncDisposable
{
    private readonly TempDir _dir;

    private PlatformHarness(TempDir dir, PlatformOptions options, SqlCatalog catalog, TimeProvider time)
    {
        _dir = dir;
        Options = options;
        Catalog = catalog;
        Time = time;
        Store = new FileSystemObjectStore(options.StorageDirectory);
    }

    public PlatformOptions Options { get; }

    public SqlCatalog Catalog { get; }

    public FileSystemObjectStore Store { get; }

    public TimeProvider Time { get; }

    public string Dir => _dir.Path;

    public static async Task<PlatformHarness> CreateAsync(TimeProvider? time = null, int workers = 2)
    {
        var dir = new TempDir();
        var options = new PlatformOptions
        {
            DataDirectory = dir.Path,
            Workers = workers,
            LeaseDuration = TimeSpan.FromSeconds(2),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            PollInterval = TimeSpan.FromMilliseconds(100),
        }.Resolve();
        time ??= TimeProvider.System;
        var catalog = await CatalogFactory.OpenAsync(options, time);
        return new PlatformHarness(dir, options, catalog, time);
    }

    public WorkerPool CreatePool(int seed = 1) =>
        new(Catalog, Store, Options, Time, NullLogger<WorkerPool>.Instance, seed);

    public JobWorker CreateWorker(Random random, string id = "test-worker") =>
        new(id, Catalog, Store, Options, Time, random, NullLogger.Instance);

    /// <summary>Uploads <paramref name="content"/> as a dataset called <paramref name="name"/>, as the API does.</summary>
    public async Task<Dataset> UploadAsync(string name, string content)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var key = ObjectKeys.Upload(sha);
        await Store.PutAsync(key, new MemoryStream(bytes));
        var (dataset, _) = await Catalog.AddDatasetAsync(new Dataset(Guid.NewGuid(), Tenants.Default, name, sha, bytes.Length, "csv", key, null, Time.GetUtcNow()));
        return dataset;
    }

    public Task<Job> EnqueueAsync(string module, string options, int maxAttempts = 3, params Guid[] datasets) =>
        Catalog.EnqueueAsync(new NewJob(Tenants.Default, module, datasets, options, maxAttempts));

    /// <summary>Polls until the job satisfies <paramref name="done"/> (30 s at most: a hang fails the test, never blocks it).</summary>
    public async Task<Job> WaitForAsync(Guid jobId, Func<Job, bool> done, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var job = (await Catalog.GetJobAsync(Tenants.Default, jobId))!;
            if (done(job))
                return job;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"job {jobId} is still {job.State} (attempts {job.Attempts}, error {job.Error ?? "none"}) after {timeoutSeconds} s");
            await Task.Delay(50);
        }
    }

    public static bool IsFinal(Job job) => job.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    public async ValueTask DisposeAsync()
    {
        await Catalog.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
