namespace DatumSync.Platform.Catalog;

/// <summary>
/// Every table the platform owns, behind one interface with a provider per database (SQLite, PostgreSQL).
/// The same compliance tests run against each provider.
/// </summary>
public interface ICatalog : IAsyncDisposable
{
    /// <summary>The provider name (<c>sqlite</c>, <c>postgresql</c>).</summary>
    string Provider { get; }

    /// <summary>Applies pending migrations from <c>database/migrations/&lt;provider&gt;/</c> (embedded); returns those applied.</summary>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the database answers.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a tenant unless one with this id exists (the default tenant always exists).</summary>
    Task AddTenantAsync(Guid tenantId, string name, CancellationToken cancellationToken = default);

    /// <summary>Adds a dataset, or returns the existing one with the same (tenant, SHA-256) and <c>false</c>.</summary>
    Task<(Dataset Dataset, bool Created)> AddDatasetAsync(Dataset dataset, CancellationToken cancellationToken = default);

    /// <summary>A dataset by id.</summary>
    Task<Dataset?> GetDatasetAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>A dataset by content hash.</summary>
    Task<Dataset?> FindDatasetByHashAsync(Guid tenantId, string sha256, CancellationToken cancellationToken = default);

    /// <summary>Datasets, newest first.</summary>
    Task<IReadOnlyList<Dataset>> ListDatasetsAsync(Guid tenantId, int skip, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes a dataset row (its jobs keep their history); false when absent.</summary>
    Task<bool> DeleteDatasetAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Enqueues a job (state <see cref="JobState.Queued"/>) and wakes idle workers.</summary>
    Task<Job> EnqueueAsync(NewJob job, CancellationToken cancellationToken = default);

    /// <summary>A job by id.</summary>
    Task<Job?> GetJobAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Jobs matching a query, newest first.</summary>
    Task<IReadOnlyList<Job>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>A job's committed outputs.</summary>
    Task<IReadOnlyList<JobOutput>> ListOutputsAsync(Guid tenantId, Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a job: queued or waiting jobs become <see cref="JobState.Cancelled"/> at once; a running job gets
    /// <see cref="Job.CancelRequested"/> and its worker stops it. Returns the job, or null when absent.
    /// </summary>
    Task<Job?> CancelAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Queues a failed or cancelled job again with a fresh attempt budget; null when absent or not final.</summary>
    Task<Job?> RetryAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Records an audit event.</summary>
    Task AddAuditEventAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Audit events, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ListAuditEventsAsync(Guid tenantId, int skip, int limit, CancellationToken cancellationToken = default);

    /// <summary>The queue operations workers use, over the same database.</summary>
    Queue.IJobQueue Queue { get; }
}
