using System.Net.Http.Json;
using System.Text.Json;
using DatumSync.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace DatumSync.Server.Tests;

/// <summary>
/// The real server (real SQLite catalog, filesystem store and in-process workers in a temporary data directory) on
/// an in-memory TestServer. <c>DatumSyncServer</c> is a library building a <see cref="WebApplication"/>, not a program
/// with an entry point, so the TestServer goes in through <c>builder.WebHost.UseTestServer()</c> between
/// <c>CreateBuilder</c> and <c>Build</c>; everything else is exactly what <c>datumsync serve</c> runs.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerHost(WebApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Client = app.GetTestClient();
        Client.BaseAddress = new Uri("http://localhost");
    }

    /// <summary>The temporary data directory (deleted on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>A client talking to the in-memory server.</summary>
    public HttpClient Client { get; }

    /// <summary>Services of the running server.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server with <paramref name="workers"/> in-process workers.</summary>
    public static async Task<ServerHost> StartAsync(int workers = 2, long maxUploadBytes = ServerOptions.DefaultMaxUploadBytes, string? database = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "datumsync-server-tests", Guid.NewGuid().ToString("N")[..12]);
        var builder = DatumSyncServer.CreateBuilder(new ServerOptions
        {
            Platform = new PlatformOptions
            {
                DataDirectory = dataDirectory,
                DatabaseConnectionString = database,
                Workers = workers,
                PollInterval = TimeSpan.FromMilliseconds(100),
            },
            MaxUploadBytes = maxUploadBytes,
        });
        builder.WebHost.UseTestServer();
        var app = DatumSyncServer.Build(builder);
        await DatumSyncServer.MigrateAsync(app);
        await app.StartAsync();
        return new ServerHost(app, dataDirectory);
    }

    /// <summary>Uploads <paramref name="content"/> as a multipart file part to <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> PostFileAsync(string path, string fileName, byte[] content, string? options = null)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        if (options is not null)
            form.Add(new StringContent(options), "options");
        return Client.PostAsync(path, form);
    }

    /// <summary>Polls a job until it reaches a final state (60 s at most).</summary>
    public async Task<JsonElement> WaitForJobAsync(string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            var state = job.GetProperty("state").GetString();
            if (state is "succeeded" or "failed" or "cancelled")
                return job;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"job {jobId} still {state} after 60 s: {job}");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server and deletes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Client.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
