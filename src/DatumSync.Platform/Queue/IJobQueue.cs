using DatumSync.Platform.Catalog;

namespace DatumSync.Platform.Queue;

/// <summary>A claimed job: only the holder of <see cref="Token"/> may report on this attempt.</summary>
/// <param name="Job">The job as claimed.</param>
/// <param name="Token">The fencing token of this attempt.</param>
/// <param name="Attempt">1-based attempt number.</param>
/// <param name="ExpiresAt">When the lease runs out unless renewed.</param>
public sealed record JobLease(Job Job, Guid Token, int Attempt, DateTimeOffset ExpiresAt);

/// <summary>What a heartbeat learned.</summary>
public enum LeaseStatus
{
    /// <summary>The lease is renewed; carry on.</summary>
    Held,
    /// <summary>A user asked to cancel: stop and call <see cref="IJobQueue.CancelledAsync"/>.</summary>
    CancelRequested,
    /// <summary>The lease was lost (expired and rescued): stop, report nothing, discard outputs.</summary>
    Lost,
}

/// <summary>
/// The job queue over the catalog's database. Claims take a lease with a fresh fencing token; every write about an
/// attempt (heartbeat, progress, completion, failure) is guarded by that token, so a worker whose lease was rescued
/// cannot overwrite the newer attempt.
/// </summary>
public interface IJobQueue
{
    /// <summary>Claims the next runnable job (fair across tenants), or null when there is none.</summary>
    Task<JobLease?> TryClaimAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Renews the lease and records progress.</summary>
    Task<LeaseStatus> HeartbeatAsync(JobLease lease, TimeSpan leaseDuration, double? progress, string? stage, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the attempt succeeded and records its report and outputs in one transaction. False when the lease is no
    /// longer held (the caller then deletes the outputs it wrote).
    /// </summary>
    Task<bool> CompleteAsync(JobLease lease, string reportJson, IReadOnlyList<JobOutput> outputs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes <paramref name="lease"/> exactly as <see cref="CompleteAsync"/> does and then claims the worker's next
    /// job as <see cref="TryClaimAsync"/> does, in one round trip where the provider can (PostgreSQL sends both
    /// statements in one batch): a busy worker pays one round trip per job instead of two.
    /// </summary>
    async Task<(bool Completed, JobLease? Next)> CompleteAndClaimAsync(JobLease lease, string reportJson, IReadOnlyList<JobOutput> outputs, string workerId,
        TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        var completed = await CompleteAsync(lease, reportJson, outputs, cancellationToken).ConfigureAwait(false);
        return (completed, await TryClaimAsync(workerId, leaseDuration, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Records a failed attempt: <see cref="JobState.RetryWait"/> until <paramref name="retryAt"/> when attempts remain
    /// and the error is not permanent, <see cref="JobState.Failed"/> otherwise. False when the lease is no longer held.
    /// </summary>
    Task<bool> FailAsync(JobLease lease, string error, bool permanent, DateTimeOffset retryAt, CancellationToken cancellationToken = default);

    /// <summary>Marks a running job cancelled after its worker stopped it. False when the lease is no longer held.</summary>
    Task<bool> CancelledAsync(JobLease lease, CancellationToken cancellationToken = default);

    /// <summary>Returns jobs whose lease expired to the queue (or fails them when attempts are exhausted); returns how many.</summary>
    Task<int> RescueExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits until work may be available (a notification, or <paramref name="maxWait"/> elapsing).</summary>
    Task WaitForWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default);
}
