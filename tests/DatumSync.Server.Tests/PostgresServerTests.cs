using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DatumSync.Platform.Tests.Support;

namespace DatumSync.Server.Tests;

/// <summary>
/// The same API over the PostgreSQL catalog (the server ./test starts with tests/postgres.sh, named by
/// DATUMSYNC_TEST_POSTGRES; without it these fail, never skip). Each run gets a fresh database.
/// </summary>
public sealed class PostgresServerTests : IAsyncLifetime
{
    private string _database = null!;
    private ServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _host = await ServerHost.StartAsync(workers: 2, database: _database);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Upload_convert_download_and_duplicate_work_on_the_postgresql_catalog()
    {
        (await _host.Client.GetFromJsonAsync<JsonElement>("/ready")).GetProperty("catalog").GetString().Should().Be("postgresql");

        var csv = SampleData.Csv("postgres");
        using var run = await _host.PostFileAsync("/api/convert", "pg.csv", csv, "{\"to\":\"csv\",\"delimiter\":\";\"}");
        run.StatusCode.Should().Be(HttpStatusCode.Accepted, await run.Content.ReadAsStringAsync());
        var jobId = (await run.JsonAsync()).GetProperty("job").GetProperty("id").GetString()!;
        var job = await _host.WaitForJobAsync(jobId);
        job.GetProperty("state").GetString().Should().Be("succeeded", job.ToString());

        var outputs = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/outputs");
        var text = await _host.Client.GetStringAsync(outputs[0].GetProperty("url").GetString());
        text.Split('\n')[0].Should().Be("id;name;amount;day;tag");
        text.Split('\n')[1].Should().Be("1;alpha 1;1.5;2024-01-02;postgres");

        using var again = await _host.PostFileAsync("/api/convert", "pg.csv", csv, "{\"delimiter\":\";\",\"to\":\"csv\"}");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await again.JsonAsync();
        body.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        body.GetProperty("job").GetProperty("id").GetString().Should().Be(jobId);

        var datasetId = body.GetProperty("dataset").GetProperty("id").GetString();
        var rows = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/datasets/{datasetId}/rows?where=" + Uri.EscapeDataString("id<=2"));
        rows.GetProperty("rows").GetArrayLength().Should().Be(2);
    }
}
