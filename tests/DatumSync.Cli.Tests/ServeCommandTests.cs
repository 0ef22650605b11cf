using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

public class ServeCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_answers_health_and_the_landing_page_on_the_port_it_is_given()
    {
        using var dataDir = new TempDir();
        var port = FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };

        await using var server = CliRunner.Start(["serve", "--urls", baseUrl, "--data-dir", dataDir.Path]);
        await server.WaitUntilAsync(async () => (await http.GetAsync("/health")).IsSuccessStatusCode, StartTimeout, $"answer on {baseUrl}/health");

        var health = await http.GetFromJsonAsync<JsonElement>("/health");
        health.GetProperty("status").GetString().Should().Be("ok");
        health.GetProperty("dataDirectory").GetString().Should().Be(dataDir.Path);

        using var page = await http.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("<title>DatumSync</title>");

        server.Stdout.Should().Contain($"serving on {baseUrl}");
    }

    /// <summary>A port nobody listens on right now (the OS picks it); the server binds it a moment later.</summary>
    internal static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
