using System.Data;
using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace DatumSync.Platform.Catalog.Postgres;

/// <summary>
/// The scale-out catalog on PostgreSQL, through one <see cref="NpgsqlDataSource"/> (pooled, auto-prepared statements).
/// </summary>
/// <remarks>
/// <para>Claiming is one statement: a CTE picks the next runnable row with <c>FOR UPDATE SKIP LOCKED</c> (claimers
/// skip rows another claimer holds instead of queueing behind it) and the UPDATE takes the lease, so concurrent
/// claimers never pick the same job and never wait on each other.</para>
/// <para>Fairness across tenants is round-robin per claimer: each worker claims from the first tenant (in id order)
/// after the one it last claimed from that has runnable work, wrapping round, and within a tenant the oldest job
/// first. A tenant with ten thousand queued jobs therefore gets one turn in each round, as does a tenant with one.
/// It needs no shared counter (which every claim would contend on) and uses the partial index
/// <c>jobs_runnable (tenant_id, run_after, seq)</c>.</para>
/// <para>Idle workers <c>LISTEN datumsync_jobs</c> on one connection per process; enqueue, retry and rescue
/// <c>NOTIFY</c> it, so idle workers wake at once rather than at their next poll.</para>
/// </remarks>
public sealed class PostgresCatalog : SqlCatalog
{
    /// <summary>The notification channel workers listen on.</summary>
    public const string Channel = "datumsync_jobs";

    private readonly NpgsqlDataSource _dataSource;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _listenerLock = new();
    private Task? _listener;

    /// <summary>A catalog over the PostgreSQL database named by <paramref name="connectionString"/> (key/value or <c>postgres://</c> URL).
    /// Call <see cref="SqlCatalog.MigrateAsync"/> before use.</summary>
    public PostgresCatalog(string connectionString, TimeProvider timeProvider) : base(timeProvider)
    {
        var builder = new NpgsqlDataSourceBuilder(ToKeyValue(connectionString));
        // Prepared statements after two uses: the queue statements are few and hot.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        builder.ConnectionStringBuilder.ApplicationName ??= "datumsync";
        // We never change session state on pooled connections (the LISTEN connection is our own), so skip the reset.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        _dataSource = builder.Build();
    }

    /// <summary>Converts a <c>postgres://user:password@host:port/database?key=value</c> URL into a key/value connection string; other strings pass through.</summary>
    /// <exception cref="ArgumentException">The URL is malformed.</exception>
    public static string ToKeyValue(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        if (!text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new ArgumentException($"'{Redact(text)}' is not a valid PostgreSQL URL (expected postgres://user:password@host:port/database)");
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
            builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
                builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
            builder.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder.ConnectionString;
    }

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? url[..(scheme + 3)] + "…" + url[at..] : url;
    }

    /// <inheritdoc/>
    public override string Provider => "postgresql";

    /// <inheritdoc/>
    protected override string TimeColumnType => "timestamptz";

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(cancellationToken);

    /// <inheritdoc/>
    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Several worker processes start together: one migrates, the others wait and then find nothing to do.
        await using var command = Command(connection, "SELECT pg_advisory_xact_lock(7361092245)", transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override void AddId(DbCommand command, string name, Guid? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Uuid) { Value = value is { } v ? v : DBNull.Value });

    /// <inheritdoc/>
    protected override void AddTime(DbCommand command, string name, DateTimeOffset? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value });

    /// <inheritdoc/>
    protected override void AddFlag(DbCommand command, string name, bool value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Boolean) { Value = value });

    /// <inheritdoc/>
    protected override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    /// <inheritdoc/>
    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <inheritdoc/>
    protected override bool ReadFlag(DbDataReader reader, int ordinal) => reader.GetBoolean(ordinal);

    /// <inheritdoc/>
    protected override async Task NotifyWorkAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"NOTIFY {Channel}");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pass a: the first runnable job of the first tenant after the worker's last one; pass b (wrapping round
    /// to the first tenant) runs only when pass a found nothing. Both skip rows other claimers hold.</summary>
    private const string ClaimSql =
        "WITH a AS (SELECT seq FROM jobs WHERE state IN ('queued', 'retry_wait') AND run_after <= @now AND tenant_id > @after ORDER BY tenant_id, run_after, seq LIMIT 1 FOR UPDATE SKIP LOCKED), " +
        "b AS (SELECT seq FROM jobs WHERE state IN ('queued', 'retry_wait') AND run_after <= @now AND NOT EXISTS (SELECT 1 FROM a) ORDER BY tenant_id, run_after, seq LIMIT 1 FOR UPDATE SKIP LOCKED), " +
        "pick AS (SELECT seq FROM a UNION ALL SELECT seq FROM b) " +
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_token = @token, lease_expires_at = @expires, worker_id = @worker, " +
        "started_at = @now, progress = NULL, stage = NULL FROM pick WHERE jobs.seq = pick.seq RETURNING ";

    private static readonly string ClaimSqlWithColumns = ClaimSql + Qualified(JobColumns);

    private static void AddClaimParameters(NpgsqlParameterCollection parameters, string workerId, Guid afterTenant, Guid token, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        parameters.Add(new NpgsqlParameter("token", NpgsqlDbType.Uuid) { Value = token });
        parameters.Add(new NpgsqlParameter("expires", NpgsqlDbType.TimestampTz) { Value = expiresAt.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter("worker", NpgsqlDbType.Text) { Value = workerId });
        parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Uuid) { Value = afterTenant });
    }

    /// <inheritdoc/>
    /// <remarks>Without outputs, the completion and the next claim travel as one batch: one round trip per job.</remarks>
    public override async Task<(bool Completed, Queue.JobLease? Next)> CompleteAndClaimAsync(Queue.JobLease lease, string reportJson, IReadOnlyList<JobOutput> outputs,
        string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count > 0)
            return await base.CompleteAndClaimAsync(lease, reportJson, outputs, workerId, leaseDuration, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var token = Guid.NewGuid();
        await using var connection = (NpgsqlConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        var complete = new NpgsqlBatchCommand(CompleteSql);
        complete.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = lease.Job.Id });
        complete.Parameters.Add(new NpgsqlParameter("token", NpgsqlDbType.Uuid) { Value = lease.Token });
        complete.Parameters.Add(new NpgsqlParameter("report", NpgsqlDbType.Text) { Value = reportJson });
        complete.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.ToUniversalTime() });
        batch.BatchCommands.Add(complete);
        var claim = new NpgsqlBatchCommand(ClaimSqlWithColumns);
        AddClaimParameters(claim.Parameters, workerId, LastTenantOf(workerId), token, now, now + leaseDuration);
        batch.BatchCommands.Add(claim);
        Job? next = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // The completion returns no rows; whether the reader starts on it or on the claim's result is Npgsql's
            // business, so step past any column-less result rather than assume (a skipped claim would orphan its job).
            while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }
            if (reader.FieldCount > 0 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                next = ReadJob(reader);
        }
        return (complete.RecordsAffected == 1, next is null ? null : Claimed(workerId, next, token, now + leaseDuration));
    }

    /// <inheritdoc/>
    protected override async Task<(Job Job, DateTimeOffset ExpiresAt)?> ClaimOneAsync(string workerId, Guid afterTenant, Guid token, DateTimeOffset now,
        DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ClaimSqlWithColumns, connection);
        AddClaimParameters(command.Parameters, workerId, afterTenant, token, now, expiresAt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (ReadJob(reader), expiresAt) : null;
    }

    private static string Qualified(string columns) => string.Join(", ", columns.Split(", ").Select(c => "jobs." + c));

    /// <inheritdoc/>
    public override async Task WaitForWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        EnsureListening();
        await base.WaitForWorkAsync(maxWait, cancellationToken).ConfigureAwait(false);
    }

    private void EnsureListening()
    {
        lock (_listenerLock)
            _listener ??= Task.Run(ListenLoopAsync);
    }

    /// <summary>Holds one connection that LISTENs and turns each notification into the in-process work signal; reconnects after failures.</summary>
    private async Task ListenLoopAsync()
    {
        var token = _disposed.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                connection.Notification += (_, _) => SignalWork();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                // Work may have arrived while we were not listening.
                SignalWork();
                while (!token.IsCancellationRequested)
                    await connection.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                // Workers still poll; try to listen again shortly.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        if (_listener is { } listener)
            await listener.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }
}
