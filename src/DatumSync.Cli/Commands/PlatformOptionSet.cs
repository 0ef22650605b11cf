using System.CommandLine;
using DatumSync.Platform;
using DatumSync.Platform.Catalog;
using Npgsql;

namespace DatumSync.Cli.Commands;

/// <summary>The flags that say where the platform's state lives: <c>--database</c> and <c>--data-dir</c>.</summary>
internal sealed class PlatformOptionSet
{
    public Option<string?> Database { get; } = new("--database")
    {
        Description = $"PostgreSQL connection string (Host=…;Username=…) or postgres:// URL; default ${PlatformOptions.DatabaseUrlVariable}, else the SQLite file <data-dir>/catalog.db.",
    };

    public Option<string> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Where the SQLite catalog and stored files live.",
        DefaultValueFactory = _ => PlatformOptions.DefaultDataDirectory,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Database);
        command.Options.Add(DataDirectory);
    }

    public PlatformOptions Build(ParseResult parse) =>
        new() { DataDirectory = parse.GetValue(DataDirectory)!, DatabaseConnectionString = parse.GetValue(Database) };

    /// <summary>Resolves the options, mapping bad settings to usage errors.</summary>
    public static PlatformOptions Resolve(PlatformOptions options)
    {
        try
        {
            return options.Resolve();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Opens and migrates the catalog; an unreachable database is one line, not a stack trace.</summary>
    public static async Task<(SqlCatalog Catalog, IReadOnlyList<string> Applied)> OpenCatalogAsync(PlatformOptions options, CancellationToken cancellationToken)
    {
        SqlCatalog? catalog = null;
        try
        {
            catalog = CatalogFactory.Create(options, TimeProvider.System);
            var applied = await catalog.MigrateAsync(cancellationToken);
            return (catalog, applied);
        }
        catch when (catalog is not null && Dispose(catalog))
        {
            throw;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--database: {e.Message}");
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"cannot use the PostgreSQL catalog: {e.Message}", e);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new IOException($"cannot use the SQLite catalog {options.SqlitePath}: {e.Message}", e);
        }
    }

    private static bool Dispose(SqlCatalog catalog)
    {
        catalog.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return false;
    }

    /// <summary>Where the catalog is, without secrets.</summary>
    public static string Describe(PlatformOptions options)
    {
        if (!options.UsesPostgres)
            return $"SQLite {options.SqlitePath}";
        var builder = new NpgsqlConnectionStringBuilder(Platform.Catalog.Postgres.PostgresCatalog.ToKeyValue(options.DatabaseConnectionString!));
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }
}
