using DatumSync.Platform.Catalog;
using DatumSync.Platform.Catalog.Postgres;
using DatumSync.Platform.Tests.Support;
using Npgsql;

namespace DatumSync.Platform.Tests.Catalog;

/// <summary>The compliance suite on PostgreSQL (the server ./test starts; a fresh database per test).</summary>
public sealed class PostgresCatalogTests : CatalogComplianceTests
{
    private string _connectionString = "";

    protected override async Task CreateDatabaseAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync();

    protected override SqlCatalog Open(TimeProvider clock) => new PostgresCatalog(_connectionString, clock);

    protected override Task DropDatabaseAsync() => TestPostgres.DropDatabaseAsync(_connectionString);

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await ExecuteOnAsync(connection, sql);
    }

    protected override async Task WakeAsync(SqlCatalog listener)
    {
        // Another process's catalog: the only way to reach the listener is NOTIFY.
        await using var other = new PostgresCatalog(_connectionString, TimeProvider.System);
        await other.EnqueueAsync(new NewJob(Tenants.Default, "noop", [], "{}"));
    }

    [Fact]
    public void A_postgres_url_becomes_a_key_value_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresCatalog.ToKeyValue("postgres://ann:p%40ss@db.example:6543/datumsync?sslmode=require"));
        builder.Host.Should().Be("db.example");
        builder.Port.Should().Be(6543);
        builder.Username.Should().Be("ann");
        builder.Password.Should().Be("p@ss");
        builder.Database.Should().Be("datumsync");
        builder.SslMode.Should().Be(SslMode.Require);
        PostgresCatalog.ToKeyValue("Host=x;Username=y").Should().Be("Host=x;Username=y");
    }
}
