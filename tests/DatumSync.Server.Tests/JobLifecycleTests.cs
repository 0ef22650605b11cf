using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DatumSync.Platform.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace DatumSync.Server.Tests;

/// <summary>Cancel and retry, on a server without workers so jobs stay queued until told otherwise.</summary>
public sealed class JobLifecycleTests : IAsyncLifetime
{
    private ServerHost _host = null!;

    public async Task InitializeAsync() => _host = await ServerHost.StartAsync(workers: 0);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> QueueAsync(string tag)
    {
        using var run = await _host.PostFileAsync("/api/inspect", tag + ".csv", SampleData.Csv(tag, 3));
        run.StatusCode.Should().Be(HttpStatusCode.Accepted, await run.Content.ReadAsStringAsync());
        var job = (await run.JsonAsync()).GetProperty("job");
        job.GetProperty("state").GetString().Should().Be("queued");
        return job.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_queued_job_cancels_at_once_and_can_then_be_retried()
    {
        var id = await QueueAsync("cancel");
        using var cancel = await _host.Client.PostAsync($"/api/jobs/{id}/cancel", null);
        cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        (await cancel.JsonAsync()).GetProperty("state").GetString().Should().Be("cancelled");

        using var retry = await _host.Client.PostAsync($"/api/jobs/{id}/retry", null);
        retry.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await retry.JsonAsync()).GetProperty("state").GetString().Should().Be("queued");

        var catalog = _host.Services.GetRequiredService<ICatalog>();
        var trail = await catalog.ListAuditEventsAsync(Tenants.Default, 0, 100);
        trail.Where(e => e.Subject == id).Select(e => e.Action).Should().BeEquivalentTo("job.submit", "job.cancel", "job.retry");
        trail.Should().Contain(e => e.Action == "dataset.upload" && e.DetailJson!.Contains("cancel.csv"));
    }

    [Fact]
    public async Task A_dataset_a_queued_job_needs_cannot_be_deleted_until_the_job_is_cancelled()
    {
        var jobId = await QueueAsync("delete-in-use");
        var job = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
        var datasetId = job.GetProperty("datasetIds")[0].GetString();

        var problem = await (await _host.Client.DeleteAsync($"/api/datasets/{datasetId}")).ShouldBeProblemAsync(409);
        problem.GetProperty("detail").GetString().Should().Contain(jobId).And.Contain("queued");

        (await _host.Client.PostAsync($"/api/jobs/{jobId}/cancel", null)).Dispose();
        using var delete = await _host.Client.DeleteAsync($"/api/datasets/{datasetId}");
        delete.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _host.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}")).GetProperty("state").GetString().Should().Be("cancelled", "the job keeps its history");
    }

    [Fact]
    public async Task Retrying_a_queued_job_answers_409()
    {
        var id = await QueueAsync("retry-queued");
        var problem = await (await _host.Client.PostAsync($"/api/jobs/{id}/retry", null)).ShouldBeProblemAsync(409);
        problem.GetProperty("detail").GetString().Should().Contain("queued");
    }

    [Fact]
    public async Task Jobs_list_filters_by_status_and_module()
    {
        var queued = await QueueAsync("list-a");
        var cancelled = await QueueAsync("list-b");
        (await _host.Client.PostAsync($"/api/jobs/{cancelled}/cancel", null)).Dispose();

        var onlyCancelled = await _host.Client.GetFromJsonAsync<JsonElement>("/api/jobs?status=cancelled&module=inspect");
        onlyCancelled.EnumerateArray().Select(j => j.GetProperty("id").GetString()).Should().Contain(cancelled).And.NotContain(queued);
        var none = await _host.Client.GetFromJsonAsync<JsonElement>("/api/jobs?module=convert");
        none.GetArrayLength().Should().Be(0);
        var limited = await _host.Client.GetFromJsonAsync<JsonElement>("/api/jobs?limit=1");
        limited.GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task A_new_job_shows_its_links_options_and_attempt_budget()
    {
        var id = await QueueAsync("links");
        var job = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
        job.GetProperty("attempts").GetInt32().Should().Be(0);
        job.GetProperty("maxAttempts").GetInt32().Should().BeGreaterThan(0);
        job.GetProperty("options").ValueKind.Should().Be(JsonValueKind.Object);
        job.GetProperty("links").GetProperty("self").GetString().Should().EndWith($"/api/jobs/{id}");
        job.GetProperty("links").GetProperty("cancel").GetString().Should().EndWith($"/api/jobs/{id}/cancel");
        job.GetProperty("report").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
