using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DatumSync.Data.Formats;
using DatumSync.Modules;

namespace DatumSync.Server.Tests;

/// <summary>The main path: upload → job → outputs → signed download, and the duplicate/reprocess rules.</summary>
public sealed class UploadJobDownloadTests : IAsyncLifetime
{
    private ServerHost _host = null!;

    public async Task InitializeAsync() => _host = await ServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Upload_then_convert_job_then_signed_download_returns_a_parquet_file_holding_the_csv_rows()
    {
        var csv = SampleData.Csv("parquet-path");
        using var upload = await _host.PostFileAsync("/api/datasets", "sales.csv", csv);
        upload.StatusCode.Should().Be(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var uploaded = await upload.JsonAsync();
        uploaded.GetProperty("duplicate").GetBoolean().Should().BeFalse();
        var dataset = uploaded.GetProperty("dataset");
        dataset.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(csv)));
        dataset.GetProperty("sizeBytes").GetInt64().Should().Be(csv.Length);
        dataset.GetProperty("format").GetString().Should().Be("csv");
        dataset.GetProperty("name").GetString().Should().Be("sales.csv");
        dataset.GetProperty("schema").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("id", "name", "amount", "day", "tag");
        upload.Headers.Location!.ToString().Should().EndWith("/api/datasets/" + dataset.GetProperty("id").GetString());

        using var submit = await _host.Client.PostAsJsonAsync("/api/jobs",
            new { module = "convert", datasetIds = new[] { dataset.GetProperty("id").GetGuid() }, options = new { to = "parquet" } });
        submit.StatusCode.Should().Be(HttpStatusCode.Accepted, await submit.Content.ReadAsStringAsync());
        var jobId = (await submit.JsonAsync()).GetProperty("id").GetString()!;

        var job = await _host.WaitForJobAsync(jobId);
        job.GetProperty("state").GetString().Should().Be("succeeded", job.ToString());
        job.GetProperty("progressPercent").GetDouble().Should().Be(100);
        job.GetProperty("attempts").GetInt32().Should().Be(1);
        job.GetProperty("durationSeconds").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        job.GetProperty("report").ValueKind.Should().Be(JsonValueKind.Object);

        var outputs = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/outputs");
        outputs.GetArrayLength().Should().Be(1);
        var output = outputs[0];
        output.GetProperty("name").GetString().Should().Be("sales.parquet");
        output.GetProperty("contentType").GetString().Should().Be("application/vnd.apache.parquet");
        var url = output.GetProperty("url").GetString()!;
        url.Should().Contain("expires=").And.Contain("signature=");

        using var download = await _host.Client.GetAsync(url);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.apache.parquet");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileName.Should().Be("sales.parquet");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        bytes.LongLength.Should().Be(output.GetProperty("sizeBytes").GetInt64());

        var rows = await ReadRowsAsync(bytes, "sales.parquet");
        rows.Should().HaveCount(SampleData.Rows);
        for (var i = 1; i <= SampleData.Rows; i++)
        {
            rows[i - 1].Should().Equal(i.ToString(CultureInfo.InvariantCulture), SampleData.Name(i), SampleData.Amount(i).ToString("0.0", CultureInfo.InvariantCulture),
                SampleData.Day(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "parquet-path");
        }
    }

    [Fact]
    public async Task One_call_convert_with_a_raw_body_and_options_in_the_query_yields_a_downloadable_tsv()
    {
        var csv = SampleData.Csv("raw-tsv", rows: 3);
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var run = await _host.Client.PostAsync("/api/convert?name=small.csv&options=" + Uri.EscapeDataString("{\"to\":\"tsv\"}"), content);
        run.StatusCode.Should().Be(HttpStatusCode.Accepted, await run.Content.ReadAsStringAsync());
        var body = await run.JsonAsync();
        body.GetProperty("duplicate").GetBoolean().Should().BeFalse();
        var job = await _host.WaitForJobAsync(body.GetProperty("job").GetProperty("id").GetString()!);
        job.GetProperty("state").GetString().Should().Be("succeeded", job.ToString());

        var outputs = await _host.Client.GetFromJsonAsync<JsonElement>(job.GetProperty("links").GetProperty("outputs").GetString());
        var tsv = await _host.Client.GetStringAsync(outputs[0].GetProperty("url").GetString());
        tsv.Should().Be("id\tname\tamount\tday\ttag\n1\talpha 1\t1.5\t2024-01-02\traw-tsv\n2\tbeta 2\t3.0\t2024-01-03\traw-tsv\n3\tGamma 3\t4.5\t2024-01-04\traw-tsv\n");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_raw_body_of_any_content_type_is_taken_as_the_file(string? contentType)
    {
        var json = Encoding.UTF8.GetBytes($"[{{\"id\": 1, \"kind\": \"{contentType ?? "none"}\"}}, {{\"id\": 2, \"kind\": \"b\"}}]");
        using var content = new ByteArrayContent(json);
        if (contentType is not null)
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var upload = await _host.Client.PostAsync("/api/datasets?name=items.json", content);
        upload.StatusCode.Should().Be(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var dataset = (await upload.JsonAsync()).GetProperty("dataset");
        dataset.GetProperty("name").GetString().Should().Be("items.json");
        dataset.GetProperty("format").GetString().Should().Be("json");
        dataset.GetProperty("schema").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Uploading_the_same_content_again_returns_the_earlier_dataset_marked_duplicate_with_its_jobs()
    {
        var csv = SampleData.Csv("duplicate");
        var first = await (await _host.PostFileAsync("/api/datasets", "a.csv", csv)).JsonAsync();
        var datasetId = first.GetProperty("dataset").GetProperty("id").GetGuid();
        using var submit = await _host.Client.PostAsJsonAsync("/api/jobs", new { module = "inspect", datasetIds = new[] { datasetId } });
        var jobId = (await submit.JsonAsync()).GetProperty("id").GetString()!;
        await _host.WaitForJobAsync(jobId);

        using var again = await _host.PostFileAsync("/api/datasets", "renamed.csv", csv);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var second = await again.JsonAsync();
        second.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        second.GetProperty("dataset").GetProperty("id").GetGuid().Should().Be(datasetId);
        second.GetProperty("dataset").GetProperty("name").GetString().Should().Be("a.csv");
        second.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()).Should().Equal(jobId);

        var all = await _host.Client.GetFromJsonAsync<JsonElement>("/api/datasets");
        all.EnumerateArray().Count(d => d.GetProperty("id").GetGuid() == datasetId).Should().Be(1);
    }

    [Fact]
    public async Task A_repeated_one_call_run_returns_the_earlier_job_unless_reprocess_is_asked_for()
    {
        var csv = SampleData.Csv("rerun");
        const string options = "{\"to\": \"json\"}";
        using var first = await _host.PostFileAsync("/api/convert", "rerun.csv", csv, options);
        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var firstJob = (await first.JsonAsync()).GetProperty("job").GetProperty("id").GetString()!;
        (await _host.WaitForJobAsync(firstJob)).GetProperty("state").GetString().Should().Be("succeeded");

        // Same options in another key order and spacing: still the same run.
        using var second = await _host.PostFileAsync("/api/convert", "rerun.csv", csv, "{ \"to\":\"json\" }");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var secondBody = await second.JsonAsync();
        secondBody.GetProperty("duplicate").GetBoolean().Should().BeTrue();
        secondBody.GetProperty("job").GetProperty("id").GetString().Should().Be(firstJob);

        using var other = await _host.PostFileAsync("/api/convert", "rerun.csv", csv, "{\"to\":\"ndjson\"}");
        other.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var otherBody = await other.JsonAsync();
        otherBody.GetProperty("duplicate").GetBoolean().Should().BeFalse();
        otherBody.GetProperty("datasetDuplicate").GetBoolean().Should().BeTrue();

        using var again = await _host.PostFileAsync("/api/convert?reprocess=true", "rerun.csv", csv, options);
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var againJob = (await again.JsonAsync()).GetProperty("job").GetProperty("id").GetString()!;
        againJob.Should().NotBe(firstJob);
        (await _host.WaitForJobAsync(againJob)).GetProperty("state").GetString().Should().Be("succeeded");
    }

    [Fact]
    public async Task A_csv_with_a_ragged_row_fails_its_job_once_with_a_message_naming_the_file_and_row()
    {
        var bad = Encoding.UTF8.GetBytes("a,b\n1,2\n3,4,5\n");
        using var run = await _host.PostFileAsync("/api/convert", "ragged.csv", bad, "{\"to\":\"parquet\"}");
        run.StatusCode.Should().Be(HttpStatusCode.Accepted, await run.Content.ReadAsStringAsync());
        var job = await _host.WaitForJobAsync((await run.JsonAsync()).GetProperty("job").GetProperty("id").GetString()!);
        job.GetProperty("state").GetString().Should().Be("failed");
        job.GetProperty("attempts").GetInt32().Should().Be(1);
        var error = job.GetProperty("error").GetString();
        error.Should().Contain("ragged.csv").And.Contain("row 2");
        var outputs = await _host.Client.GetFromJsonAsync<JsonElement>(job.GetProperty("links").GetProperty("outputs").GetString());
        outputs.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_stored_without_a_schema_and_its_job_and_preview_fail_with_the_readers_message()
    {
        // Parquet's magic number at both ends around bytes that are no footer.
        var broken = Encoding.ASCII.GetBytes("PAR1" + new string('x', 100) + "PAR1");
        using var upload = await _host.PostFileAsync("/api/datasets", "broken.parquet", broken);
        upload.StatusCode.Should().Be(HttpStatusCode.Created);
        var dataset = (await upload.JsonAsync()).GetProperty("dataset");
        dataset.GetProperty("format").ValueKind.Should().Be(JsonValueKind.Null);
        dataset.GetProperty("schema").ValueKind.Should().Be(JsonValueKind.Null);

        var preview = await (await _host.Client.GetAsync(dataset.GetProperty("links").GetProperty("rows").GetString())).ShouldBeProblemAsync(422);
        preview.GetProperty("detail").GetString().Should().StartWith("broken.parquet");

        using var submit = await _host.Client.PostAsJsonAsync("/api/jobs",
            new { module = "inspect", datasetIds = new[] { dataset.GetProperty("id").GetGuid() } });
        var job = await _host.WaitForJobAsync((await submit.JsonAsync()).GetProperty("id").GetString()!);
        job.GetProperty("state").GetString().Should().Be("failed");
        job.GetProperty("attempts").GetInt32().Should().Be(1);
        job.GetProperty("error").GetString().Should().Contain("broken.parquet");
    }

    [Fact]
    public async Task Detect_runs_as_a_one_call_job_and_its_report_downloads_as_json()
    {
        var csv = new StringBuilder("customer_email,signup_day\n");
        for (var i = 0; i < 40; i++)
            csv.Append("user").Append(i).Append("@example.com,2024-02-").Append((i % 28 + 1).ToString("00", CultureInfo.InvariantCulture)).Append('\n');
        using var run = await _host.PostFileAsync("/api/detect", "customers.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        run.StatusCode.Should().Be(HttpStatusCode.Accepted, await run.Content.ReadAsStringAsync());
        var job = await _host.WaitForJobAsync((await run.JsonAsync()).GetProperty("job").GetProperty("id").GetString()!);
        job.GetProperty("state").GetString().Should().Be("succeeded", job.ToString());
        job.GetProperty("report").ToString().Should().Contain("customer_email");

        var outputs = await _host.Client.GetFromJsonAsync<JsonElement>(job.GetProperty("links").GetProperty("outputs").GetString());
        outputs.EnumerateArray().Select(o => o.GetProperty("name").GetString()).Should().BeEquivalentTo("detect.json", "detect.html");
        var report = outputs.EnumerateArray().Single(o => o.GetProperty("name").GetString() == "detect.json");
        using var download = await _host.Client.GetAsync(report.GetProperty("url").GetString());
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonDocument.Parse(await download.Content.ReadAsStringAsync()).RootElement.ValueKind.Should().Be(JsonValueKind.Object);
    }

    [Theory]
    [InlineData("detect", "{\"sampleSize\": 1}", "'sampleSize'")]
    [InlineData("profile", "{\"topValues\": \"many\"}", "'topValues'")]
    public async Task Bad_module_options_are_refused_before_a_job_is_queued(string module, string options, string named)
    {
        using var run = await _host.PostFileAsync($"/api/{module}", "opts.csv", SampleData.Csv("options-" + module, 3), options);
        run.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await run.Content.ReadAsStringAsync()).Should().Contain(named);
    }

    [Fact]
    public async Task A_module_that_cannot_check_options_up_front_fails_the_job_at_once_naming_the_option()
    {
        // noop has no IModuleOptionsValidator: the job is queued and fails on its first attempt with the option named.
        using var submit = await _host.Client.PostAsJsonAsync("/api/jobs", new { module = "noop", datasetIds = Array.Empty<string>(), options = new { sleepMs = "soon" } });
        submit.StatusCode.Should().Be(HttpStatusCode.Accepted, await submit.Content.ReadAsStringAsync());
        var job = await _host.WaitForJobAsync((await submit.JsonAsync()).GetProperty("id").GetString()!);
        job.GetProperty("state").GetString().Should().Be("failed");
        job.GetProperty("attempts").GetInt32().Should().Be(1);
        job.GetProperty("error").GetString().Should().Contain("'sleepMs'");
    }

    [Fact]
    public async Task The_dataset_download_link_serves_the_uploaded_bytes()
    {
        var csv = SampleData.Csv("dataset-link");
        var dataset = (await (await _host.PostFileAsync("/api/datasets", "link.csv", csv)).JsonAsync()).GetProperty("dataset");
        using var download = await _host.Client.GetAsync(dataset.GetProperty("links").GetProperty("download").GetString());
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        download.Content.Headers.ContentDisposition!.FileName.Should().Be("link.csv");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(csv);
    }

    [Fact]
    public async Task Deleting_a_dataset_removes_it_and_its_content()
    {
        var dataset = (await (await _host.PostFileAsync("/api/datasets", "gone.csv", SampleData.Csv("delete"))).JsonAsync()).GetProperty("dataset");
        var id = dataset.GetProperty("id").GetString();
        var download = dataset.GetProperty("links").GetProperty("download").GetString();

        using var delete = await _host.Client.DeleteAsync($"/api/datasets/{id}");
        delete.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await _host.Client.GetAsync($"/api/datasets/{id}")).ShouldBeProblemAsync(404);
        await (await _host.Client.GetAsync(download)).ShouldBeProblemAsync(404);
        await (await _host.Client.DeleteAsync($"/api/datasets/{id}")).ShouldBeProblemAsync(404);
    }

    private static async Task<List<string?[]>> ReadRowsAsync(byte[] bytes, string name)
    {
        var rows = new List<string?[]>();
        var reader = await TableReader.OpenAsync(DataSource.FromBytes(bytes, name), registry: ModuleFormats.Registry);
        await using (reader)
        {
            while (await reader.ReadNextBatchAsync() is { } batch)
            {
                using (batch)
                {
                    for (var r = 0; r < batch.RowCount; r++)
                        rows.Add([.. batch.Columns.Select(c => c.GetText(r))]);
                }
            }
        }
        return rows;
    }
}
