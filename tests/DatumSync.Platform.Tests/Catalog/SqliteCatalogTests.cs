using DatumSync.Platform.Catalog;
using DatumSync.Platform.Catalog.Sqlite;
using DatumSync.Platform.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DatumSync.Platform.Tests.Catalog;

/// <summary>The compliance suite on the embedded SQLite catalog (a fresh file per test).</summary>
public sealed class SqliteCatalogTests : CatalogComplianceTests, IDisposable
{
    private readonly TempDir _dir = new();

    private string DatabasePath => _dir.File("catalog.db");

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override SqlCatalog Open(TimeProvider clock) => new SqliteCatalog(DatabasePath, clock);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await ExecuteOnAsync(connection, sql);
    }

    protected override Task WakeAsync(SqlCatalog listener) =>
        listener.EnqueueAsync(new NewJob(Tenants.Default, "noop", [], "{}"));

    [Fact]
    public async Task The_catalog_file_is_in_wal_mode()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        ((string)(await command.ExecuteScalarAsync())!).Should().Be("wal");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
