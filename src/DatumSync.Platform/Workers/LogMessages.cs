using Microsoft.Extensions.Logging;

namespace DatumSync.Platform.Workers;

/// <summary>The workers' log lines (allocation-free when the level is off).</summary>
internal static class LogMessages
{
    public static readonly Action<ILogger, string, Guid, string, int, double, Exception?> JobSucceeded =
        LoggerMessage.Define<string, Guid, string, int, double>(LogLevel.Information, new EventId(1, "JobSucceeded"),
            "{Worker}: job {JobId} ({Module}) attempt {Attempt} succeeded in {ElapsedMs:0} ms");

    private static readonly Action<ILogger, string, Guid, string, int, string, string, Exception?> JobFailedCore =
        LoggerMessage.Define<string, Guid, string, int, string, string>(LogLevel.Warning, new EventId(2, "JobFailed"),
            "{Worker}: job {JobId} ({Module}) attempt {Attempt} failed ({Outcome}): {Error}");

    public static void JobFailed(ILogger logger, string worker, Guid job, string module, int attempt, bool permanent, bool recorded, string error, Exception? e) =>
        JobFailedCore(logger, worker, job, module, attempt,
            !recorded ? "not recorded: the lease was lost" : permanent ? "permanent, not retried" : "retried if attempts remain", error, e);

    public static readonly Action<ILogger, string, Guid, int, Exception?> JobFenced =
        LoggerMessage.Define<string, Guid, int>(LogLevel.Warning, new EventId(3, "JobFenced"),
            "{Worker}: job {JobId} attempt {Attempt} lost its lease; its result was discarded");

    public static readonly Action<ILogger, string, Guid, Exception?> JobCancelled =
        LoggerMessage.Define<string, Guid>(LogLevel.Information, new EventId(4, "JobCancelled"), "{Worker}: job {JobId} cancelled");

    public static readonly Action<ILogger, string, Guid, string, Exception?> HeartbeatFailed =
        LoggerMessage.Define<string, Guid, string>(LogLevel.Warning, new EventId(5, "HeartbeatFailed"), "{Worker}: heartbeat for job {JobId} failed: {Error}");

    public static readonly Action<ILogger, string, string, Exception?> WorkerError =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(6, "WorkerError"), "{Worker}: {Error}; retrying");

    public static readonly Action<ILogger, Guid, string, Exception?> SweepFailed =
        LoggerMessage.Define<Guid, string>(LogLevel.Warning, new EventId(7, "SweepFailed"), "could not remove earlier attempts' files of job {JobId}: {Error}");

    public static readonly Action<ILogger, int, Exception?> Rescued =
        LoggerMessage.Define<int>(LogLevel.Warning, new EventId(8, "Rescued"), "returned {Count} job(s) whose worker stopped heartbeating to the queue");

    public static readonly Action<ILogger, int, string, Exception?> PoolStarted =
        LoggerMessage.Define<int, string>(LogLevel.Information, new EventId(9, "PoolStarted"), "started {Count} worker(s) on the {Provider} catalog");
}
