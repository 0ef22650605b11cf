using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DatumSync.Server.Tests;

/// <summary>Every error is a ProblemDetails document; validation errors name their fields.</summary>
public sealed class ApiErrorTests : IAsyncLifetime
{
    private ServerHost _host = null!;

    public async Task InitializeAsync() => _host = await ServerHost.StartAsync(workers: 1, maxUploadBytes: 4096);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_module_this_version_lacks_answers_404_naming_it()
    {
        using var response = await _host.PostFileAsync("/api/dedupe", "x.csv", SampleData.Csv("dedupe", 2));
        var problem = await response.ShouldBeProblemAsync(404);
        problem.GetProperty("detail").GetString().Should().StartWith("module 'dedupe' is not available in this version");
    }

    [Fact]
    public async Task An_unknown_option_answers_400_naming_the_option_and_queues_nothing()
    {
        using var response = await _host.PostFileAsync("/api/convert", "x.csv", SampleData.Csv("bad-option", 2), "{\"to\":\"parquet\",\"compresion\":\"zstd\"}");
        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("options")[0].GetString().Should().Contain("'compresion'");
        var jobs = await _host.Client.GetFromJsonAsync<JsonElement>("/api/jobs?module=convert");
        jobs.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task An_options_part_sent_before_the_file_is_checked_before_the_file_is_stored()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("{\"to\":\"parquet\",\"header\":\"yes\"}"), "options" },
            { new ByteArrayContent(SampleData.Csv("options-first", 2)), "file", "options-first.csv" },
        };
        using var response = await _host.Client.PostAsync("/api/convert", form);
        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("detail").GetString().Should().Be("option 'header' must be true or false");
        (await _host.Client.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray()
            .Should().NotContain(d => d.GetProperty("name").GetString() == "options-first.csv");
    }

    [Fact]
    public async Task Options_in_the_query_are_checked_before_the_body_is_read()
    {
        using var content = new ByteArrayContent(SampleData.Csv("query-option", 2));
        using var response = await _host.Client.PostAsync("/api/convert?options=" + Uri.EscapeDataString("{\"to\": 5}"), content);
        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("detail").GetString().Should().Be("option 'to' must be a string");
        (await _host.Client.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray()
            .Should().NotContain(d => d.GetProperty("name").GetString() == "upload");
    }

    [Fact]
    public async Task An_upload_over_the_limit_answers_413_and_stores_nothing()
    {
        using var response = await _host.PostFileAsync("/api/datasets", "big.csv", new byte[5000]);
        var problem = await response.ShouldBeProblemAsync(413);
        problem.GetProperty("detail").GetString().Should().Contain("4096 bytes");
        (await _host.Client.GetFromJsonAsync<JsonElement>("/api/datasets")).EnumerateArray()
            .Should().NotContain(d => d.GetProperty("name").GetString() == "big.csv");
        Directory.EnumerateFiles(Path.Combine(_host.DataDirectory, "tmp")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_job_without_module_or_datasets_answers_a_validation_problem_listing_both_fields()
    {
        using var response = await _host.Client.PostAsJsonAsync("/api/jobs", new { options = new { } });
        var problem = await response.ShouldBeProblemAsync(400);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);
        fields.Should().BeEquivalentTo("module", "datasetIds");
    }

    [Fact]
    public async Task A_job_with_fewer_datasets_than_its_module_takes_answers_400_naming_the_count()
    {
        using var response = await _host.Client.PostAsJsonAsync("/api/jobs", new { module = "inspect", datasetIds = Array.Empty<Guid>() });
        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("datasetIds")[0].GetString().Should().Be("module 'inspect' takes 1 dataset(s), got 0");
    }

    [Fact]
    public async Task A_job_over_a_dataset_that_does_not_exist_answers_400_naming_datasetIds()
    {
        var missing = Guid.NewGuid();
        using var response = await _host.Client.PostAsJsonAsync("/api/jobs", new { module = "inspect", datasetIds = new[] { missing } });
        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("datasetIds")[0].GetString().Should().Contain(missing.ToString());
    }

    [Fact]
    public async Task Malformed_json_answers_400_problem()
    {
        using var content = new StringContent("{\"module\": ", Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync("/api/jobs", content);
        await response.ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task Unknown_routes_and_ids_answer_404_problems()
    {
        await (await _host.Client.GetAsync("/api/nothing-here")).ShouldBeProblemAsync(404);
        await (await _host.Client.GetAsync($"/api/jobs/{Guid.NewGuid()}")).ShouldBeProblemAsync(404);
        await (await _host.Client.GetAsync($"/api/datasets/{Guid.NewGuid()}/rows")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task A_bad_status_filter_or_limit_answers_400_naming_the_field()
    {
        var status = await (await _host.Client.GetAsync("/api/jobs?status=sleeping")).ShouldBeProblemAsync(400);
        status.GetProperty("errors").GetProperty("status")[0].GetString().Should().Contain("retry_wait");
        var limit = await (await _host.Client.GetAsync("/api/jobs?limit=0")).ShouldBeProblemAsync(400);
        limit.GetProperty("errors").TryGetProperty("limit", out _).Should().BeTrue();
        await (await _host.Client.GetAsync("/api/jobs?limit=abc")).ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task A_multipart_body_without_a_file_answers_400_naming_file()
    {
        using var form = new MultipartFormDataContent { { new StringContent("{}"), "options" } };
        using var response = await _host.Client.PostAsync("/api/datasets", form);
        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").TryGetProperty("file", out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_empty_raw_body_answers_400_naming_file_and_stores_nothing()
    {
        using var body = new ByteArrayContent([]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var response = await _host.Client.PostAsync("/api/datasets?name=empty.csv", body);
        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").TryGetProperty("file", out _).Should().BeTrue();
        (await _host.Client.GetFromJsonAsync<JsonElement>("/api/datasets")).GetArrayLength().Should().Be(0);
    }
}
