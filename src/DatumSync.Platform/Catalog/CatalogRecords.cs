namespace DatumSync.Platform.Catalog;

/// <summary>The lifecycle of a job. Stored as lower-case snake names (<c>retry_wait</c>).</summary>
public enum JobState
{
    /// <summary>Waiting for a worker.</summary>
    Queued,
    /// <summary>Claimed by a worker holding a lease.</summary>
    Running,
    /// <summary>Failed an attempt; queued again after <see cref="Job.RunAfter"/>.</summary>
    RetryWait,
    /// <summary>Done; report and outputs committed.</summary>
    Succeeded,
    /// <summary>Failed for good (permanent error or attempts exhausted).</summary>
    Failed,
    /// <summary>Cancelled by a user.</summary>
    Cancelled,
}

/// <summary>Well-known tenants.</summary>
public static class Tenants
{
    /// <summary>The single tenant everything belongs to until accounts land.</summary>
    public static Guid Default { get; } = new("00000000-0000-0000-0000-000000000001");
}

/// <summary>An uploaded dataset. Content-addressed: one row per (tenant, SHA-256).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="TenantId">Owner.</param>
/// <param name="Name">The file name it was uploaded under.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="SizeBytes">Content length.</param>
/// <param name="Format">Detected format name (<c>csv</c>, <c>parquet</c>…), when known.</param>
/// <param name="StorageKey">Object-store key of the content.</param>
/// <param name="SchemaJson">The schema as JSON (<c>[{"name":…,"type":…}]</c>), when known.</param>
/// <param name="CreatedAt">Upload time.</param>
public sealed record Dataset(Guid Id, Guid TenantId, string Name, string Sha256, long SizeBytes, string? Format, string StorageKey, string? SchemaJson,
    DateTimeOffset CreatedAt);

/// <summary>A job: one module run over datasets, with its attempts.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="TenantId">Owner.</param>
/// <param name="Module">Module name (<see cref="Modules.ModuleCatalog"/>).</param>
/// <param name="DatasetIds">Input datasets, in order.</param>
/// <param name="OptionsJson">Module options (a JSON object).</param>
/// <param name="State">Current state.</param>
/// <param name="Attempts">Attempts started so far.</param>
/// <param name="MaxAttempts">Attempts allowed before failing for good.</param>
/// <param name="Progress">0..1 while running, when the module reports it.</param>
/// <param name="Stage">What the module is doing, while running.</param>
/// <param name="Error">The last attempt's error, for users.</param>
/// <param name="ReportJson">The module's report, once succeeded.</param>
/// <param name="CreatedAt">Enqueue time.</param>
/// <param name="StartedAt">When the current/last attempt started.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="RunAfter">Earliest time a worker may claim it (retry backoff).</param>
/// <param name="CancelRequested">A user asked to cancel while it ran; the worker stops at its next heartbeat.</param>
public sealed record Job(Guid Id, Guid TenantId, string Module, IReadOnlyList<Guid> DatasetIds, string OptionsJson, JobState State, int Attempts,
    int MaxAttempts, double? Progress, string? Stage, string? Error, string? ReportJson, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? RunAfter, bool CancelRequested);

/// <summary>A committed output file of a job.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Name">File name shown to users (unique per job).</param>
/// <param name="StorageKey">Object-store key.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="SizeBytes">Length.</param>
public sealed record JobOutput(Guid JobId, string Name, string StorageKey, string ContentType, long SizeBytes);

/// <summary>A request to enqueue a job.</summary>
public sealed record NewJob(Guid TenantId, string Module, IReadOnlyList<Guid> DatasetIds, string OptionsJson, int MaxAttempts = 3);

/// <summary>A filter over jobs (newest first).</summary>
public sealed record JobQuery(Guid TenantId, JobState? State = null, string? Module = null, Guid? DatasetId = null, int Skip = 0, int Limit = 50);

/// <summary>Something that happened, for the audit trail.</summary>
public sealed record AuditEvent(Guid TenantId, string Action, string Subject, string? DetailJson, DateTimeOffset At);
