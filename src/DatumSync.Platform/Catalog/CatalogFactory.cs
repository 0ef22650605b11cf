using DatumSync.Platform.Catalog.Postgres;
using DatumSync.Platform.Catalog.Sqlite;

namespace DatumSync.Platform.Catalog;

/// <summary>Opens the catalog the options name: PostgreSQL when a connection string is set, else the SQLite file in the data directory.</summary>
public static class CatalogFactory
{
    /// <summary>Creates the provider without touching the database.</summary>
    /// <param name="options">Resolved options (<see cref="PlatformOptions.Resolve"/>).</param>
    /// <param name="timeProvider">The clock.</param>
    public static SqlCatalog Create(PlatformOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UsesPostgres
            ? new PostgresCatalog(options.DatabaseConnectionString!, timeProvider)
            : new SqliteCatalog(options.SqlitePath, timeProvider);
    }

    /// <summary>Creates the provider and applies pending migrations.</summary>
    public static async Task<SqlCatalog> OpenAsync(PlatformOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var catalog = Create(options, timeProvider);
        try
        {
            await catalog.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return catalog;
        }
        catch
        {
            await catalog.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
