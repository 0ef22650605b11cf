using System.Data;
using System.Data.Common;
using DatumSync.Platform.Queue;

namespace DatumSync.Platform.Catalog;

public abstract partial class SqlCatalog
{
    /// <summary>What clears a lease when an attempt ends (shared by every terminal statement).</summary>
    private const string ClearLease = "lease_token = NULL, lease_expires_at = NULL, worker_id = NULL";

    /// <summary>Guards every write about an attempt: only the holder of the current token may make it.</summary>
    private const string Fence = "id = @id AND lease_token = @token AND state = 'running'";

    /// <summary>Marks a held attempt succeeded (parameters: id, token, report, now).</summary>
    protected const string CompleteSql =
        $"UPDATE jobs SET state = 'succeeded', report_json = @report, progress = 1, stage = NULL, error = NULL, finished_at = @now, {ClearLease} WHERE {Fence}";

    /// <inheritdoc/>
    public async Task<JobLease?> TryClaimAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var now = Now();
        var token = Guid.NewGuid();
        var after = _lastTenant.GetValueOrDefault(workerId);
        var claimed = await ClaimOneAsync(workerId, after, token, now, now + leaseDuration, cancellationToken).ConfigureAwait(false);
        return claimed is { } c ? Claimed(workerId, c.Job, token, c.ExpiresAt) : null;
    }

    /// <summary>The tenant <paramref name="workerId"/> last claimed from (round-robin fairness).</summary>
    protected Guid LastTenantOf(string workerId) => _lastTenant.GetValueOrDefault(workerId);

    /// <summary>Records a claim and makes its lease.</summary>
    protected JobLease Claimed(string workerId, Job job, Guid token, DateTimeOffset expiresAt)
    {
        _lastTenant[workerId] = job.TenantId;
        return new JobLease(job, token, job.Attempts, expiresAt);
    }

    /// <inheritdoc/>
    public virtual async Task<(bool Completed, JobLease? Next)> CompleteAndClaimAsync(JobLease lease, string reportJson, IReadOnlyList<JobOutput> outputs,
        string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        var completed = await CompleteAsync(lease, reportJson, outputs, cancellationToken).ConfigureAwait(false);
        return (completed, await TryClaimAsync(workerId, leaseDuration, cancellationToken).ConfigureAwait(false));
    }

    private void AddFence(DbCommand command, JobLease lease)
    {
        AddId(command, "id", lease.Job.Id);
        AddId(command, "token", lease.Token);
    }

    /// <inheritdoc/>
    public async Task<LeaseStatus> HeartbeatAsync(JobLease lease, TimeSpan leaseDuration, double? progress, string? stage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            $"UPDATE jobs SET lease_expires_at = @expires, progress = COALESCE(@progress, progress), stage = COALESCE(@stage, stage) WHERE {Fence} RETURNING cancel_requested");
        AddFence(command, lease);
        AddTime(command, "expires", Now() + leaseDuration);
        Add(command, "progress", progress, DbType.Double);
        Add(command, "stage", stage, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return LeaseStatus.Lost;
        return ReadFlag(reader, 0) ? LeaseStatus.CancelRequested : LeaseStatus.Held;
    }

    /// <inheritdoc/>
    public async Task<bool> CompleteAsync(JobLease lease, string reportJson, IReadOnlyList<JobOutput> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outputs);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        const string complete = CompleteSql;
        if (outputs.Count == 0)
        {
            // One statement is its own transaction: the common no-output case costs a single round trip.
            await using var command = Command(connection, complete);
            AddFence(command, lease);
            Add(command, "report", reportJson, DbType.String);
            AddTime(command, "now", Now());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection, complete, transaction))
        {
            AddFence(command, lease);
            Add(command, "report", reportJson, DbType.String);
            AddTime(command, "now", Now());
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }
        }
        await using (var command = Command(connection, "DELETE FROM job_outputs WHERE job_id = @job", transaction))
        {
            AddId(command, "job", lease.Job.Id);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var output in outputs)
        {
            await using var command = Command(connection,
                "INSERT INTO job_outputs (job_id, tenant_id, name, storage_key, content_type, size_bytes) VALUES (@job, @tenant, @name, @key, @type, @size)", transaction);
            AddId(command, "job", lease.Job.Id);
            AddId(command, "tenant", lease.Job.TenantId);
            Add(command, "name", output.Name, DbType.String);
            Add(command, "key", output.StorageKey, DbType.String);
            Add(command, "type", output.ContentType, DbType.String);
            Add(command, "size", output.SizeBytes, DbType.Int64);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public async Task<bool> FailAsync(JobLease lease, string error, bool permanent, DateTimeOffset retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            "UPDATE jobs SET " +
            "state = CASE WHEN @permanent OR attempts >= max_attempts THEN 'failed' ELSE 'retry_wait' END, " +
            "finished_at = CASE WHEN @permanent OR attempts >= max_attempts THEN @now ELSE NULL END, " +
            $"run_after = @retry, error = @error, stage = NULL, {ClearLease} WHERE {Fence}");
        AddFence(command, lease);
        AddFlag(command, "permanent", permanent);
        AddTime(command, "now", Now());
        AddTime(command, "retry", retryAt);
        Add(command, "error", error, DbType.String);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> CancelledAsync(JobLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"UPDATE jobs SET state = 'cancelled', finished_at = @now, stage = NULL, {ClearLease} WHERE {Fence}");
        AddFence(command, lease);
        AddTime(command, "now", Now());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<int> RescueExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        int rescued;
        await using (var command = Command(connection,
            "UPDATE jobs SET " +
            "state = CASE WHEN cancel_requested THEN 'cancelled' WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, " +
            "finished_at = CASE WHEN cancel_requested OR attempts >= max_attempts THEN @now ELSE NULL END, " +
            "error = 'attempt ' || attempts || ' lost its worker (the lease expired)', " +
            $"run_after = @now, stage = NULL, progress = NULL, {ClearLease} WHERE state = 'running' AND lease_expires_at < @now"))
        {
            AddTime(command, "now", Now());
            rescued = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (rescued > 0)
        {
            await NotifyWorkAsync(connection, cancellationToken).ConfigureAwait(false);
            SignalWork();
        }
        return rescued;
    }

    /// <inheritdoc/>
    public virtual async Task WaitForWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        try
        {
            await WorkSignal.WaitAsync(maxWait, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
