using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DatumSync.Server.Tests;

/// <summary>OpenAPI, the docs UI, the modules list and the probes.</summary>
public sealed class ServiceDocsTests : IAsyncLifetime
{
    private ServerHost _host = null!;

    public async Task InitializeAsync() => _host = await ServerHost.StartAsync(workers: 0);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_openapi_document_lists_every_route_with_summaries()
    {
        var doc = await _host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        doc.GetProperty("info").GetProperty("title").GetString().Should().Be("DatumSync API");
        var paths = doc.GetProperty("paths");
        var expected = new Dictionary<string, string[]>
        {
            ["/api/datasets"] = ["post", "get"],
            ["/api/datasets/{id}"] = ["get", "delete"],
            ["/api/datasets/{id}/rows"] = ["get"],
            ["/api/jobs"] = ["post", "get"],
            ["/api/jobs/{id}"] = ["get"],
            ["/api/jobs/{id}/cancel"] = ["post"],
            ["/api/jobs/{id}/retry"] = ["post"],
            ["/api/jobs/{id}/outputs"] = ["get"],
            ["/api/files/{key}"] = ["get"],
            ["/api/modules"] = ["get"],
            ["/health"] = ["get"],
            ["/ready"] = ["get"],
            ["/api/profile"] = ["post"],
            ["/api/validate"] = ["post"],
            ["/api/normalize"] = ["post"],
            ["/api/convert"] = ["post"],
            ["/api/predict"] = ["post"],
            ["/api/detect"] = ["post"],
            ["/api/dedupe"] = ["post"],
        };
        foreach (var (path, methods) in expected)
        {
            paths.TryGetProperty(path, out var item).Should().BeTrue($"the document should describe {path}; it has {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");
            foreach (var method in methods)
            {
                item.TryGetProperty(method, out var operation).Should().BeTrue($"{method} {path}");
                operation.GetProperty("summary").GetString().Should().NotBeNullOrEmpty();
            }
        }
    }

    [Fact]
    public async Task Upload_routes_describe_a_multipart_or_raw_body()
    {
        var doc = await _host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        foreach (var path in new[] { "/api/datasets", "/api/convert" })
        {
            var content = doc.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content");
            content.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").TryGetProperty("file", out _).Should().BeTrue(path);
            content.TryGetProperty("application/octet-stream", out _).Should().BeTrue(path);
        }
    }

    [Fact]
    public async Task The_docs_page_serves_the_interactive_ui_pointed_at_the_document()
    {
        using var page = await _host.Client.GetAsync("/docs/index.html");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("swagger-ui");
        var config = await _host.Client.GetStringAsync("/docs/index.js");
        config.Should().Contain("/openapi/v1.json");
        using var bundle = await _host.Client.GetAsync("/docs/swagger-ui-bundle.js");
        bundle.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_answers_200_naming_the_catalog_provider()
    {
        var ready = await _host.Client.GetFromJsonAsync<JsonElement>("/ready");
        ready.GetProperty("status").GetString().Should().Be("ready");
        ready.GetProperty("catalog").GetString().Should().Be("sqlite");
        var health = await _host.Client.GetFromJsonAsync<JsonElement>("/health");
        health.GetProperty("status").GetString().Should().Be("ok");
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_object_store_when_it_cannot_be_written()
    {
        await using var host = await ServerHost.StartAsync(workers: 0);
        (await host.Client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        var store = Path.Combine(host.DataDirectory, "store");
        Directory.Delete(store, recursive: true);
        await File.WriteAllTextAsync(store, "a file where the store's directory should be");
        try
        {
            var problem = await (await host.Client.GetAsync("/ready")).ShouldBeProblemAsync(503);
            problem.GetProperty("detail").GetString().Should().Be("not reachable: object store");
            (await host.Client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK, "liveness does not depend on storage");
        }
        finally
        {
            File.Delete(store);
        }
    }

    [Fact]
    public async Task Modules_lists_convert_and_inspect()
    {
        var modules = await _host.Client.GetFromJsonAsync<JsonElement>("/api/modules");
        modules.EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Contain(["convert", "inspect"]);
    }
}
