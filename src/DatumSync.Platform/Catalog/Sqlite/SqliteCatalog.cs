using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DatumSync.Platform.Catalog.Sqlite;

/// <summary>
/// The embedded catalog: one SQLite file in the data directory, in WAL mode so readers never block the writer.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. A claim reads the next runnable job and updates it, so it runs inside
/// <c>BEGIN IMMEDIATE</c>: the write lock is taken before the read, and two claimers can never pick the same row (a
/// deferred transaction would read under a shared lock and fail to upgrade with <c>SQLITE_BUSY</c> instead of waiting).
/// Waiting for the lock is the busy timeout's job. Ids are stored as lower-case GUID text and times as UTC Unix
/// milliseconds. Idle workers are woken by enqueues in the same process; other processes find work by polling.
/// </remarks>
public sealed class SqliteCatalog : SqlCatalog
{
    private const int BusyTimeoutMs = 30_000;
    private readonly string _connectionString;

    /// <summary>A catalog over the SQLite file at <paramref name="path"/> (created when missing). Call <see cref="SqlCatalog.MigrateAsync"/> before use.</summary>
    public SqliteCatalog(string path, TimeProvider timeProvider) : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        // WAL persists in the file; readers then proceed while a writer commits.
        wal.CommandText = "PRAGMA journal_mode = WAL";
        wal.ExecuteNonQuery();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string Provider => "sqlite";

    /// <inheritdoc/>
    protected override string TimeColumnType => "INTEGER";

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragmas = connection.CreateCommand();
            // Per connection: wait for the write lock rather than fail; WAL with NORMAL sync is durable across process crashes.
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs.ToString(CultureInfo.InvariantCulture)}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc/>
    protected override void AddId(DbCommand command, string name, Guid? value) =>
        Add(command, name, value?.ToString("D", CultureInfo.InvariantCulture), DbType.String);

    /// <inheritdoc/>
    protected override void AddTime(DbCommand command, string name, DateTimeOffset? value) =>
        Add(command, name, value?.ToUnixTimeMilliseconds(), DbType.Int64);

    /// <inheritdoc/>
    protected override void AddFlag(DbCommand command, string name, bool value) => Add(command, name, value ? 1 : 0, DbType.Int32);

    /// <inheritdoc/>
    protected override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    /// <inheritdoc/>
    protected override bool ReadFlag(DbDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    /// <inheritdoc/>
    protected override async Task<(Job Job, DateTimeOffset ExpiresAt)?> ClaimOneAsync(string workerId, Guid afterTenant, Guid token, DateTimeOffset now,
        DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        // The first runnable job of the next tenant after the worker's last one; else (wrapping round) of the first tenant.
        const string runnable = "state IN ('queued', 'retry_wait') AND run_after <= @now";
        await using var command = Command(connection,
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_token = @token, lease_expires_at = @expires, worker_id = @worker, " +
            "started_at = @now, progress = NULL, stage = NULL WHERE seq = (SELECT seq FROM (" +
            $"SELECT * FROM (SELECT seq, 0 AS pass FROM jobs WHERE {runnable} AND tenant_id > @after ORDER BY tenant_id, run_after, seq LIMIT 1) " +
            $"UNION ALL SELECT * FROM (SELECT seq, 1 AS pass FROM jobs WHERE {runnable} ORDER BY tenant_id, run_after, seq LIMIT 1)) ORDER BY pass LIMIT 1) " +
            $"RETURNING {JobColumns}", transaction);
        AddId(command, "token", token);
        AddTime(command, "expires", expiresAt);
        Add(command, "worker", workerId, DbType.String);
        AddTime(command, "now", now);
        AddId(command, "after", afterTenant);
        Job? job = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                job = ReadJob(reader);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return job is null ? null : (job, expiresAt);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return ValueTask.CompletedTask;
    }
}
