using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DatumSync.Cli.Tests.Harness;
using DatumSync.Data.Formats;
using DatumSync.Modules;

namespace DatumSync.Cli.Tests;

/// <summary>The API through the real <c>datumsync serve</c> process: upload, job, signed download.</summary>
public class ServeApiEndToEndTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_multipart_convert_run_completes_and_its_signed_download_holds_the_rows()
    {
        using var dataDir = new TempDir();
        var port = ServeCommandTests.FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

        await using var server = CliRunner.Start(["serve", "--urls", baseUrl, "--data-dir", dataDir.Path, "--workers", "1"]);
        await server.WaitUntilAsync(async () => (await http.GetAsync("/ready")).IsSuccessStatusCode, StartTimeout, $"answer on {baseUrl}/ready");

        var csv = new StringBuilder("city,population\n");
        for (var i = 0; i < 200; i++)
            csv.Append("City ").Append(i).Append(',').Append(i * 1000).Append('\n');
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "cities.csv" },
            { new StringContent("{\"to\": \"parquet\"}"), "options" },
        };
        using var run = await http.PostAsync("/api/convert", form);
        run.StatusCode.Should().Be(HttpStatusCode.Accepted, await run.Content.ReadAsStringAsync());
        var jobId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString();

        JsonElement job = default;
        await server.WaitUntilAsync(async () =>
        {
            job = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            return job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled";
        }, StartTimeout, $"job {jobId} to finish");
        job.GetProperty("state").GetString().Should().Be("succeeded", job.ToString());

        var outputs = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/outputs");
        var url = outputs[0].GetProperty("url").GetString()!;
        url.Should().StartWith(baseUrl + "/api/files/jobs/");
        using var download = await http.GetAsync(url);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileName.Should().Be("cities.parquet");
        var bytes = await download.Content.ReadAsByteArrayAsync();

        long rows = 0;
        var reader = await TableReader.OpenAsync(DataSource.FromBytes(bytes, "cities.parquet"), registry: ModuleFormats.Registry);
        await using (reader)
        {
            reader.Schema.Select(f => f.Name).Should().Equal("city", "population");
            while (await reader.ReadNextBatchAsync() is { } batch)
            {
                using (batch)
                {
                    if (rows == 0)
                        batch.Column(0).GetText(0).Should().Be("City 0");
                    rows += batch.RowCount;
                }
            }
        }
        rows.Should().Be(200);

        using var tampered = await http.GetAsync(url.Replace("signature=", "signature=x", StringComparison.Ordinal));
        tampered.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // Only upload routes take large bodies: a 2 MB JSON body for a job is refused by Kestrel itself.
        using var huge = new StringContent("{\"module\":\"" + new string('x', 2 << 20) + "\"}", Encoding.UTF8, "application/json");
        using var refused = await http.PostAsync("/api/jobs", huge);
        refused.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Serve_with_an_unreachable_database_stops_at_once_with_one_line_naming_it()
    {
        using var dataDir = new TempDir();
        var port = ServeCommandTests.FreeLoopbackPort();
        var result = await CliRunner.RunAsync(["serve", "--data-dir", dataDir.Path, "--urls", $"http://127.0.0.1:{port}",
            "--database", $"Host=127.0.0.1;Port={port};Username=nobody;Timeout=5"], new ProcessRunOptions());

        result.ExitCode.Should().Be(69, result.ToString());
        result.Stderr.Trim().Should().StartWith("error: cannot open the catalog (PostgreSQL):").And.NotContain("   at ");
        result.Stderr.Trim().Split('\n').Should().HaveCount(1);
    }
}
