using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using DatumSync.Platform.Queue;

namespace DatumSync.Platform.Catalog;

/// <summary>
/// What the SQL providers share: the catalog statements (standard SQL both SQLite and PostgreSQL accept) and the row
/// mapping. A provider supplies connections, how ids, times and flags are stored, and the statements that differ
/// (claiming, notification).
/// </summary>
/// <remarks>
/// Every time written comes from the injected <see cref="TimeProvider"/>, never the database clock, so tests drive
/// leases and backoff with a fake clock and several worker processes agree on one notion of "now" (their clocks).
/// </remarks>
public abstract partial class SqlCatalog : ICatalog, IJobQueue
{
    /// <summary>The columns <see cref="ReadJob"/> expects, in order.</summary>
    protected const string JobColumns =
        "id, tenant_id, module, dataset_ids, options_json, state, attempts, max_attempts, progress, stage, error, report_json, " +
        "created_at, started_at, finished_at, run_after, cancel_requested, lease_token, lease_expires_at";

    private const string DatasetColumns = "id, tenant_id, name, sha256, size_bytes, format, storage_key, schema_json, created_at";

    /// <summary>The last tenant each worker claimed from, for round-robin fairness across tenants.</summary>
    private readonly ConcurrentDictionary<string, Guid> _lastTenant = new(StringComparer.Ordinal);

    /// <summary>Wakes this process's idle workers (an enqueue here, or a notification from elsewhere).</summary>
    private TaskCompletionSource _workSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the catalog with its clock.</summary>
    protected SqlCatalog(TimeProvider timeProvider) => Time = timeProvider;

    /// <summary>The clock every written time comes from.</summary>
    protected TimeProvider Time { get; }

    /// <inheritdoc/>
    public abstract string Provider { get; }

    /// <inheritdoc/>
    public IJobQueue Queue => this;

    /// <summary>Opens a connection ready for use.</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction that holds the write lock from its start (SQLite: <c>BEGIN IMMEDIATE</c>).</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Adds an id parameter in the provider's representation.</summary>
    protected abstract void AddId(DbCommand command, string name, Guid? value);

    /// <summary>Adds a time parameter in the provider's representation.</summary>
    protected abstract void AddTime(DbCommand command, string name, DateTimeOffset? value);

    /// <summary>Adds a boolean parameter in the provider's representation.</summary>
    protected abstract void AddFlag(DbCommand command, string name, bool value);

    /// <summary>Reads an id column.</summary>
    protected abstract Guid ReadId(DbDataReader reader, int ordinal);

    /// <summary>Reads a time column.</summary>
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Reads a boolean column.</summary>
    protected abstract bool ReadFlag(DbDataReader reader, int ordinal);

    /// <summary>Tells idle workers in every process that jobs are waiting (PostgreSQL <c>NOTIFY</c>); the local signal is raised by the caller.</summary>
    protected virtual Task NotifyWorkAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Claims one runnable job for <paramref name="workerId"/>: the first runnable job of the first tenant after
    /// <paramref name="afterTenant"/> with one (wrapping around), oldest first. Returns the job row (<see cref="JobColumns"/>) or nothing.</summary>
    protected abstract Task<(Job Job, DateTimeOffset ExpiresAt)?> ClaimOneAsync(string workerId, Guid afterTenant, Guid token, DateTimeOffset now,
        DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Raises the in-process work signal.</summary>
    protected void SignalWork() => Interlocked.Exchange(ref _workSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>The current work signal's task (completes on the next <see cref="SignalWork"/>).</summary>
    protected Task WorkSignal => Volatile.Read(ref _workSignal).Task;

    /// <summary>A command on <paramref name="connection"/>.</summary>
    protected static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter; nulls carry <paramref name="type"/> so every provider can bind them.</summary>
    protected static void Add(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The clock's now, to the millisecond (what SQLite stores; PostgreSQL then agrees).</summary>
    protected DateTimeOffset Now()
    {
        var now = Time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    /// <summary>Maps a state to its stored name.</summary>
    protected internal static string StateName(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.RetryWait => "retry_wait",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static JobState ParseState(string name) => name switch
    {
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "retry_wait" => JobState.RetryWait,
        "succeeded" => JobState.Succeeded,
        "failed" => JobState.Failed,
        "cancelled" => JobState.Cancelled,
        _ => throw new InvalidDataException($"unknown job state '{name}' in the catalog"),
    };

    private static string JoinIds(IReadOnlyList<Guid> ids) => string.Join(',', ids.Select(i => i.ToString("D", CultureInfo.InvariantCulture)));

    private static Guid[] SplitIds(string text) =>
        text.Length == 0 ? [] : [.. text.Split(',').Select(s => Guid.Parse(s, CultureInfo.InvariantCulture))];

    /// <summary>Reads a job from a row laid out as <see cref="JobColumns"/>.</summary>
    protected Job ReadJob(DbDataReader r) => new(
        ReadId(r, 0), ReadId(r, 1), r.GetString(2), SplitIds(r.GetString(3)), r.GetString(4), ParseState(r.GetString(5)),
        r.GetInt32(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetDouble(8), r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11), ReadTime(r, 12),
        r.IsDBNull(13) ? null : ReadTime(r, 13), r.IsDBNull(14) ? null : ReadTime(r, 14), ReadTime(r, 15), ReadFlag(r, 16));

    private Dataset ReadDataset(DbDataReader r) => new(
        ReadId(r, 0), ReadId(r, 1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7), ReadTime(r, 8));

    /// <inheritdoc/>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, "SELECT 1");
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 1;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task AddTenantAsync(Guid tenantId, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "INSERT INTO tenants (id, name, created_at) VALUES (@id, @name, @at) ON CONFLICT (id) DO NOTHING");
        AddId(command, "id", tenantId);
        Add(command, "name", name, DbType.String);
        AddTime(command, "at", Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<(Dataset Dataset, bool Created)> AddDatasetAsync(Dataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection, $"INSERT INTO datasets ({DatasetColumns}) VALUES (@id, @tenant, @name, @sha, @size, @format, @key, @schema, @at) ON CONFLICT (tenant_id, sha256) DO NOTHING"))
        {
            AddId(command, "id", dataset.Id);
            AddId(command, "tenant", dataset.TenantId);
            Add(command, "name", dataset.Name, DbType.String);
            Add(command, "sha", dataset.Sha256, DbType.String);
            Add(command, "size", dataset.SizeBytes, DbType.Int64);
            Add(command, "format", dataset.Format, DbType.String);
            Add(command, "key", dataset.StorageKey, DbType.String);
            Add(command, "schema", dataset.SchemaJson, DbType.String);
            AddTime(command, "at", dataset.CreatedAt);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                return (dataset, true);
        }
        var existing = await FindDatasetByHashAsync(dataset.TenantId, dataset.Sha256, cancellationToken).ConfigureAwait(false);
        return (existing ?? throw new InvalidOperationException("a dataset with this hash exists but could not be read"), false);
    }

    /// <inheritdoc/>
    public Task<Dataset?> GetDatasetAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default) =>
        QueryDatasetAsync("id = @v", tenantId, c => AddId(c, "v", id), cancellationToken);

    /// <inheritdoc/>
    public Task<Dataset?> FindDatasetByHashAsync(Guid tenantId, string sha256, CancellationToken cancellationToken = default) =>
        QueryDatasetAsync("sha256 = @v", tenantId, c => Add(c, "v", sha256, DbType.String), cancellationToken);

    private async Task<Dataset?> QueryDatasetAsync(string condition, Guid tenantId, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {DatasetColumns} FROM datasets WHERE tenant_id = @tenant AND {condition}");
        AddId(command, "tenant", tenantId);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDataset(reader) : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Dataset>> ListDatasetsAsync(Guid tenantId, int skip, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {DatasetColumns} FROM datasets WHERE tenant_id = @tenant ORDER BY created_at DESC, id LIMIT @limit OFFSET @skip");
        AddId(command, "tenant", tenantId);
        Add(command, "limit", Math.Max(0, limit), DbType.Int32);
        Add(command, "skip", Math.Max(0, skip), DbType.Int32);
        var list = new List<Dataset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(ReadDataset(reader));
        return list;
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteDatasetAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM datasets WHERE tenant_id = @tenant AND id = @id");
        AddId(command, "tenant", tenantId);
        AddId(command, "id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<Job> EnqueueAsync(NewJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(job.Module);
        ArgumentOutOfRangeException.ThrowIfLessThan(job.MaxAttempts, 1);
        var id = Guid.NewGuid();
        var now = Now();
        var options = string.IsNullOrWhiteSpace(job.OptionsJson) ? "{}" : job.OptionsJson;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection,
            "INSERT INTO jobs (id, tenant_id, module, dataset_ids, options_json, state, attempts, max_attempts, created_at, run_after, cancel_requested) " +
            "VALUES (@id, @tenant, @module, @datasets, @options, 'queued', 0, @max, @now, @now, @no)"))
        {
            AddId(command, "id", id);
            AddId(command, "tenant", job.TenantId);
            Add(command, "module", job.Module, DbType.String);
            Add(command, "datasets", JoinIds(job.DatasetIds), DbType.String);
            Add(command, "options", options, DbType.String);
            Add(command, "max", job.MaxAttempts, DbType.Int32);
            AddTime(command, "now", now);
            AddFlag(command, "no", false);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await NotifyWorkAsync(connection, cancellationToken).ConfigureAwait(false);
        SignalWork();
        return new Job(id, job.TenantId, job.Module, [.. job.DatasetIds], options, JobState.Queued, 0, job.MaxAttempts, null, null, null, null, now, null, null, now, false);
    }

    /// <inheritdoc/>
    public async Task<Job?> GetJobAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetJobAsync(connection, null, tenantId, id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Job?> GetJobAsync(DbConnection connection, DbTransaction? transaction, Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT {JobColumns} FROM jobs WHERE tenant_id = @tenant AND id = @id", transaction);
        AddId(command, "tenant", tenantId);
        AddId(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadJob(reader) : null;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Job>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = $"SELECT {JobColumns} FROM jobs WHERE tenant_id = @tenant";
        if (query.State is not null)
            sql += " AND state = @state";
        if (query.Module is not null)
            sql += " AND module = @module";
        if (query.DatasetId is not null)
            sql += " AND dataset_ids LIKE @dataset";
        await using var command = Command(connection, sql + " ORDER BY created_at DESC, seq DESC LIMIT @limit OFFSET @skip");
        AddId(command, "tenant", query.TenantId);
        if (query.State is { } state)
            Add(command, "state", StateName(state), DbType.String);
        if (query.Module is not null)
            Add(command, "module", query.Module, DbType.String);
        if (query.DatasetId is { } dataset)
            Add(command, "dataset", "%" + dataset.ToString("D", CultureInfo.InvariantCulture) + "%", DbType.String);
        Add(command, "limit", Math.Max(0, query.Limit), DbType.Int32);
        Add(command, "skip", Math.Max(0, query.Skip), DbType.Int32);
        var list = new List<Job>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(ReadJob(reader));
        return list;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<JobOutput>> ListOutputsAsync(Guid tenantId, Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT job_id, name, storage_key, content_type, size_bytes FROM job_outputs WHERE tenant_id = @tenant AND job_id = @job ORDER BY name");
        AddId(command, "tenant", tenantId);
        AddId(command, "job", jobId);
        var list = new List<JobOutput>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new JobOutput(ReadId(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        return list;
    }

    /// <inheritdoc/>
    public async Task<Job?> CancelAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection,
            "UPDATE jobs SET state = 'cancelled', finished_at = @now, run_after = @now WHERE tenant_id = @tenant AND id = @id AND state IN ('queued', 'retry_wait'); " +
            "UPDATE jobs SET cancel_requested = @yes WHERE tenant_id = @tenant AND id = @id AND state = 'running'", transaction))
        {
            AddId(command, "tenant", tenantId);
            AddId(command, "id", id);
            AddTime(command, "now", Now());
            AddFlag(command, "yes", true);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var job = await GetJobAsync(connection, transaction, tenantId, id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }

    /// <inheritdoc/>
    public async Task<Job?> RetryAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        int changed;
        await using (var command = Command(connection,
            "UPDATE jobs SET state = 'queued', attempts = 0, error = NULL, report_json = NULL, progress = NULL, stage = NULL, started_at = NULL, " +
            "finished_at = NULL, run_after = @now, cancel_requested = @no WHERE tenant_id = @tenant AND id = @id AND state IN ('failed', 'cancelled')"))
        {
            AddId(command, "tenant", tenantId);
            AddId(command, "id", id);
            AddTime(command, "now", Now());
            AddFlag(command, "no", false);
            changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (changed == 0)
            return null;
        await NotifyWorkAsync(connection, cancellationToken).ConfigureAwait(false);
        SignalWork();
        return await GetJobAsync(connection, null, tenantId, id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task AddAuditEventAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "INSERT INTO audit_events (tenant_id, action, subject, detail_json, at) VALUES (@tenant, @action, @subject, @detail, @at)");
        AddId(command, "tenant", auditEvent.TenantId);
        Add(command, "action", auditEvent.Action, DbType.String);
        Add(command, "subject", auditEvent.Subject, DbType.String);
        Add(command, "detail", auditEvent.DetailJson, DbType.String);
        AddTime(command, "at", auditEvent.At);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditEvent>> ListAuditEventsAsync(Guid tenantId, int skip, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT tenant_id, action, subject, detail_json, at FROM audit_events WHERE tenant_id = @tenant ORDER BY at DESC, id DESC LIMIT @limit OFFSET @skip");
        AddId(command, "tenant", tenantId);
        Add(command, "limit", Math.Max(0, limit), DbType.Int32);
        Add(command, "skip", Math.Max(0, skip), DbType.Int32);
        var list = new List<AuditEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new AuditEvent(ReadId(reader, 0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), ReadTime(reader, 4)));
        return list;
    }

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();
}
