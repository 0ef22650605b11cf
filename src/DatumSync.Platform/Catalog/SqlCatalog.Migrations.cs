using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DatumSync.Platform.Catalog;

public abstract partial class SqlCatalog
{
    /// <summary>A versioned migration script.</summary>
    /// <param name="Version">From the file name's number.</param>
    /// <param name="Name">The file name without extension (<c>0001_initial</c>).</param>
    /// <param name="Sql">The script.</param>
    /// <param name="Checksum">Lower-case hex SHA-256 of the script (line endings normalised).</param>
    public sealed record Migration(int Version, string Name, string Sql, string Checksum);

    /// <summary>The SQL type of times in this provider (for <c>schema_migrations</c>).</summary>
    protected abstract string TimeColumnType { get; }

    /// <summary>Takes whatever lock keeps two processes from migrating at once, inside <paramref name="transaction"/>.</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The embedded migrations of a provider, in version order.</summary>
    public static IReadOnlyList<Migration> LoadMigrations(string provider)
    {
        var assembly = typeof(SqlCatalog).Assembly;
        var prefix = $"migrations/{provider}/";
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^4];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"migration '{resource}' is not named NNNN_name.sql");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            list.Add(new Migration(version, name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Version == list[i - 1].Version)
                throw new InvalidOperationException($"two migrations have version {list[i].Version}: {list[i - 1].Name}, {list[i].Name}");
        }
        return list;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">An applied migration's script changed since (its checksum differs).</exception>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migrations = LoadMigrations(Provider);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await using (var create = Command(connection,
            $"CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at {TimeColumnType} NOT NULL, checksum text NOT NULL)", transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var applied = new Dictionary<int, (string Name, string Checksum)>();
        await using (var select = Command(connection, "SELECT version, name, checksum FROM schema_migrations", transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }
        var done = new List<string>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var existing))
            {
                if (existing.Checksum != migration.Checksum)
                    throw new InvalidOperationException($"migration {migration.Name} was changed after it was applied to this {Provider} database (checksum differs); add a new migration instead");
                continue;
            }
            await using (var script = Command(connection, migration.Sql, transaction))
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using (var record = Command(connection, "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (@version, @name, @at, @checksum)", transaction))
            {
                Add(record, "version", migration.Version, DbType.Int32);
                Add(record, "name", migration.Name, DbType.String);
                AddTime(record, "at", Now());
                Add(record, "checksum", migration.Checksum, DbType.String);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            done.Add(migration.Name);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <summary>The migrations recorded as applied, in version order (name and time).</summary>
    public async Task<IReadOnlyList<(string Name, DateTimeOffset AppliedAt)>> ListAppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT name, applied_at FROM schema_migrations ORDER BY version");
        var list = new List<(string, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add((reader.GetString(0), ReadTime(reader, 1)));
        return list;
    }
}
