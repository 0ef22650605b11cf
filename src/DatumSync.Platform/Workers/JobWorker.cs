using System.Text.Json;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Modules;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Queue;
using DatumSync.Platform.Storage;
using Microsoft.Extensions.Logging;

namespace DatumSync.Platform.Workers;

/// <summary>
/// One worker: claims a job, runs its module, heartbeats while it runs, stores its outputs under the attempt's own
/// prefix and commits them with the completion, guarded by the lease's fencing token.
/// </summary>
/// <remarks>
/// The commit protocol: the module writes into a private local directory; the worker then puts each file under
/// <c>jobs/&lt;job&gt;/&lt;token&gt;/&lt;name&gt;</c> (a prefix no other attempt uses) and calls
/// <see cref="IJobQueue.CompleteAsync"/>, which records the outputs in the same transaction that marks the job
/// succeeded, only while the token still holds the lease. Users see outputs only through the job's output rows, so a
/// killed attempt's files are never visible; a fenced-off attempt deletes its own prefix, and the attempt that
/// succeeds sweeps the prefixes of earlier attempts.
/// </remarks>
public sealed class JobWorker
{
    private readonly string _id;
    private readonly ICatalog _catalog;
    private readonly IObjectStore _store;
    private readonly PlatformOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly RetryPolicy _retry;
    private readonly ILogger _logger;

    /// <summary>Creates a worker.</summary>
    /// <param name="id">The worker's id (recorded on claimed jobs).</param>
    /// <param name="catalog">The catalog and queue.</param>
    /// <param name="store">Where inputs are read and outputs stored.</param>
    /// <param name="options">Resolved platform options (lease, heartbeat, retry settings, data directory).</param>
    /// <param name="time">The clock.</param>
    /// <param name="random">The source of retry jitter (seed it for reproducible delays); used by this worker only.</param>
    /// <param name="logger">Where job outcomes are logged.</param>
    public JobWorker(string id, ICatalog catalog, IObjectStore store, PlatformOptions options, TimeProvider time, Random random, ILogger logger)
    {
        _id = id;
        _catalog = catalog;
        _store = store;
        _options = options;
        _time = time;
        _random = random;
        _retry = new RetryPolicy(options.RetryBaseDelay, options.RetryMaxDelay);
        _logger = logger;
    }

    /// <summary>The worker's id.</summary>
    public string Id => _id;

    /// <summary>Claims and runs jobs until <paramref name="stoppingToken"/> fires; a running job is then finished unless <paramref name="abortToken"/> fires too.</summary>
    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken abortToken)
    {
        JobLease? next = null;
        // A job already claimed (chained onto the last completion) is run even when stopping: it counts as running.
        while (next is not null || !stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lease = next ?? await _catalog.Queue.TryClaimAsync(_id, _options.LeaseDuration, stoppingToken).ConfigureAwait(false);
                next = null;
                if (lease is null)
                    await _catalog.Queue.WaitForWorkAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                else
                    next = await ExecuteCoreAsync(lease, claimNext: !stoppingToken.IsCancellationRequested, abortToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || abortToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A worker must survive a database outage: log, back off, try again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogMessages.WorkerError(_logger, _id, e.Message, e);
                try
                {
                    await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Claims and runs one job to an outcome; false when no job was runnable.</summary>
    /// <param name="abortToken">Stops a running job (it is then returned to the queue for another attempt).</param>
    /// <param name="claimToken">Cancels the claim itself.</param>
    public async Task<bool> RunOnceAsync(CancellationToken abortToken = default, CancellationToken claimToken = default)
    {
        var lease = await _catalog.Queue.TryClaimAsync(_id, _options.LeaseDuration, claimToken).ConfigureAwait(false);
        if (lease is null)
            return false;
        await ExecuteCoreAsync(lease, claimNext: false, abortToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Runs jobs until none is runnable (chaining each completion with the next claim); returns how many ran.</summary>
    public async Task<int> DrainAsync(CancellationToken abortToken = default)
    {
        var count = 0;
        var lease = await _catalog.Queue.TryClaimAsync(_id, _options.LeaseDuration, abortToken).ConfigureAwait(false);
        while (lease is not null)
        {
            count++;
            lease = await ExecuteCoreAsync(lease, claimNext: true, abortToken).ConfigureAwait(false)
                ?? await _catalog.Queue.TryClaimAsync(_id, _options.LeaseDuration, abortToken).ConfigureAwait(false);
        }
        return count;
    }

    /// <summary>Runs one claimed attempt to an outcome.</summary>
    public Task ExecuteAsync(JobLease lease, CancellationToken abortToken) => ExecuteCoreAsync(lease, claimNext: false, abortToken);

    /// <summary>Runs one claimed attempt to an outcome; with <paramref name="claimNext"/>, a successful completion also
    /// claims the worker's next job in the same round trip and returns its lease.</summary>
    private async Task<JobLease?> ExecuteCoreAsync(JobLease lease, bool claimNext, CancellationToken abortToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var job = lease.Job;
        var started = _time.GetTimestamp();
        var prefix = ObjectKeys.AttemptPrefix(job.Id, lease.Token);
        var workDirectory = Path.Combine(_options.DataDirectory, "work", $"{job.Id:N}-{lease.Token:N}");
        using var moduleCts = CancellationTokenSource.CreateLinkedTokenSource(abortToken);
        var progress = new LatestProgress();
        var heartbeatStatus = LeaseStatus.Held;
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatLoopAsync(lease, progress, moduleCts, s => heartbeatStatus = s, heartbeatStop.Token);
        var inputs = new List<DataSource>();
        var streams = new List<Stream>();
        var completing = false;
        try
        {
            Directory.CreateDirectory(workDirectory);
            var module = ModuleCatalog.Find(job.Module) ?? throw new PermanentJobException($"unknown module '{job.Module}'");
            if (job.DatasetIds.Count < module.MinInputs || job.DatasetIds.Count > module.MaxInputs)
                throw new PermanentJobException($"module '{module.Name}' takes {InputCount(module)}, got {job.DatasetIds.Count}");
            foreach (var datasetId in job.DatasetIds)
                inputs.Add(await OpenInputAsync(job.TenantId, datasetId, streams, moduleCts.Token).ConfigureAwait(false));
            using var options = ParseOptions(job.OptionsJson);
            var result = await module.RunAsync(new ModuleRequest(inputs, options.RootElement, workDirectory, progress), moduleCts.Token).ConfigureAwait(false);

            await StopAsync(heartbeatStop, heartbeat).ConfigureAwait(false);
            if (heartbeatStatus != LeaseStatus.Held)
                throw new OperationCanceledException(moduleCts.Token);
            var outputs = await StoreOutputsAsync(job.Id, module.Name, result.Outputs, prefix, workDirectory, abortToken).ConfigureAwait(false);
            var report = JsonSerializer.Serialize(result.Report, ModuleJson.Options);
            JobLease? next = null;
            bool completed;
            // From here the outputs may be committed even if the call fails (the reply can be lost after the commit):
            // they must not be deleted on error. If the commit did not happen, the next successful attempt sweeps them.
            completing = true;
            if (claimNext)
                (completed, next) = await _catalog.Queue.CompleteAndClaimAsync(lease, report, outputs, _id, _options.LeaseDuration, CancellationToken.None).ConfigureAwait(false);
            else
                completed = await _catalog.Queue.CompleteAsync(lease, report, outputs, CancellationToken.None).ConfigureAwait(false);
            if (completed)
            {
                LogMessages.JobSucceeded(_logger, _id, job.Id, job.Module, lease.Attempt, _time.GetElapsedTime(started).TotalMilliseconds, null);
                await SweepEarlierAttemptsAsync(job.Id, prefix, workDirectory).ConfigureAwait(false);
            }
            else
            {
                LogMessages.JobFenced(_logger, _id, job.Id, lease.Attempt, null);
                await _store.DeletePrefixAsync(prefix, CancellationToken.None).ConfigureAwait(false);
            }
            return next;
        }
        catch (OperationCanceledException) when (moduleCts.IsCancellationRequested || heartbeatStatus != LeaseStatus.Held)
        {
            await StopAsync(heartbeatStop, heartbeat).ConfigureAwait(false);
            if (!completing)
                await _store.DeletePrefixAsync(prefix, CancellationToken.None).ConfigureAwait(false);
            switch (heartbeatStatus)
            {
                case LeaseStatus.CancelRequested:
                    await _catalog.Queue.CancelledAsync(lease, CancellationToken.None).ConfigureAwait(false);
                    LogMessages.JobCancelled(_logger, _id, job.Id, null);
                    break;
                case LeaseStatus.Lost:
                    LogMessages.JobFenced(_logger, _id, job.Id, lease.Attempt, null);
                    break;
                default:
                    // The worker is shutting down: give the attempt back at once rather than wait for the lease to expire.
                    await _catalog.Queue.FailAsync(lease, "the worker stopped during this attempt", permanent: false, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                    break;
            }
        }
#pragma warning disable CA1031 // Any module failure becomes the job's error; the worker carries on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await StopAsync(heartbeatStop, heartbeat).ConfigureAwait(false);
            if (!completing)
                await _store.DeletePrefixAsync(prefix, CancellationToken.None).ConfigureAwait(false);
            var permanent = e is DataFormatException or ModuleOptionsException or PermanentJobException;
            var message = permanent ? e.Message : $"{e.GetType().Name}: {e.Message}";
            var retryAt = _time.GetUtcNow() + _retry.Delay(lease.Attempt, _random);
            var recorded = await _catalog.Queue.FailAsync(lease, message, permanent, retryAt, CancellationToken.None).ConfigureAwait(false);
            LogMessages.JobFailed(_logger, _id, job.Id, job.Module, lease.Attempt, permanent, recorded, message, permanent ? null : e);
        }
        finally
        {
            foreach (var stream in streams)
                await stream.DisposeAsync().ConfigureAwait(false);
            TryDeleteDirectory(workDirectory);
        }
        return null;
    }

    /// <summary>Puts each output file the module wrote under the attempt's prefix; the rows to commit with the completion.</summary>
    private async Task<List<JobOutput>> StoreOutputsAsync(Guid jobId, string moduleName, IReadOnlyList<ModuleOutput> produced, string prefix,
        string workDirectory, CancellationToken cancellationToken)
    {
        var outputs = new List<JobOutput>(produced.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in produced)
        {
            if (string.IsNullOrEmpty(output.FileName) || Path.GetFileName(output.FileName) != output.FileName || output.FileName is "." or "..")
                throw new PermanentJobException($"module '{moduleName}' produced an output with an invalid file name '{output.FileName}'");
            // The name users see is the module's; the key is a safe spelling of it, unique within the attempt.
            var key = prefix + ObjectKeys.SafeSegment(output.FileName);
            for (var n = 2; !keys.Add(key); n++)
                key = prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + ObjectKeys.SafeSegment(output.FileName);
            var info = await _store.PutFileAsync(key, Path.Combine(workDirectory, output.FileName), cancellationToken).ConfigureAwait(false);
            outputs.Add(new JobOutput(jobId, output.FileName, key, output.ContentType, info.SizeBytes));
        }
        return outputs;
    }

    private static string InputCount(IModule module) =>
        module.MinInputs == module.MaxInputs ? $"{module.MinInputs} input(s)" : $"{module.MinInputs} to {module.MaxInputs} inputs";

    private static JsonDocument ParseOptions(string json)
    {
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException e)
        {
            throw new ModuleOptionsException($"options are not valid JSON: {e.Message}");
        }
    }

    private async Task<DataSource> OpenInputAsync(Guid tenantId, Guid datasetId, List<Stream> streams, CancellationToken cancellationToken)
    {
        var dataset = await _catalog.GetDatasetAsync(tenantId, datasetId, cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentJobException($"dataset {datasetId} does not exist (deleted?)");
        if (_store.TryGetLocalPath(dataset.StorageKey) is { } path)
            return DataSource.FromFile(path, dataset.Name);
        var stream = await _store.OpenReadAsync(dataset.StorageKey, cancellationToken).ConfigureAwait(false)
            ?? throw new PermanentJobException($"the content of dataset '{dataset.Name}' ({datasetId}) is missing from storage");
        streams.Add(stream);
        return DataSource.FromStream(stream, dataset.Name);
    }

    private async Task HeartbeatLoopAsync(JobLease lease, LatestProgress progress, CancellationTokenSource moduleCts, Action<LeaseStatus> setStatus, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                // Most jobs end before their first heartbeat: stopping the wait must not cost a thrown exception.
                await Task.Delay(_options.HeartbeatInterval, _time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested)
                    return;
                var latest = progress.Latest;
                LeaseStatus status;
                try
                {
                    status = await _catalog.Queue.HeartbeatAsync(lease, _options.LeaseDuration, latest?.Fraction, latest?.Stage, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A missed heartbeat is not fatal: the lease outlives two intervals; fencing settles the rest.
                    LogMessages.HeartbeatFailed(_logger, _id, lease.Job.Id, e.Message, null);
                    continue;
                }
                if (status != LeaseStatus.Held)
                {
                    setStatus(status);
                    await moduleCts.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task loop)
    {
        if (!stop.IsCancellationRequested)
            await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
    }

    /// <summary>Removes what earlier attempts of the job left behind: half-stored outputs in the store and, when they
    /// ran on this data directory, their private work directories (a killed worker never cleaned up).</summary>
    private async Task SweepEarlierAttemptsAsync(Guid jobId, string keepPrefix, string keepDirectory)
    {
        try
        {
            var workRoot = Path.GetDirectoryName(keepDirectory)!;
            foreach (var dead in Directory.EnumerateDirectories(workRoot, $"{jobId:N}-*").Where(d => d != keepDirectory))
                TryDeleteDirectory(dead);
            var jobPrefix = ObjectKeys.JobPrefix(jobId);
            var keys = await _store.ListAsync(jobPrefix, CancellationToken.None).ConfigureAwait(false);
            foreach (var attempt in keys.Where(k => !k.StartsWith(keepPrefix, StringComparison.Ordinal))
                         .Select(k => k[..(k.IndexOf('/', jobPrefix.Length) + 1)]).Distinct(StringComparer.Ordinal))
                await _store.DeletePrefixAsync(attempt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogMessages.SweepFailed(_logger, jobId, e.Message, null);
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
