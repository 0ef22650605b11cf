using System.Reflection;
using DatumSync.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DatumSync.Server;

/// <summary>Builds and runs the DatumSync web server (dashboard + API) on the embedded default.</summary>
public static class DatumSyncServer
{
    /// <summary>The address served when none is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Builds the application.</summary>
    public static WebApplication Build(string urls, PlatformOptions platform, string[]? args = null)
    {
        var resolved = platform.Resolve();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [] });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(resolved);
        builder.Services.AddSingleton(TimeProvider.System);

        var app = builder.Build();
        var landing = LoadPage("index.html");
        app.MapGet("/", () => Results.Content(landing, "text/html; charset=utf-8"));
        app.MapGet("/health", (PlatformOptions options, TimeProvider clock) => TypedResults.Ok(new HealthResponse(
            "ok",
            typeof(DatumSyncServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
            clock.GetUtcNow(),
            options.DataDirectory)));
        return app;
    }

    private static string LoadPage(string name)
    {
        using var s = typeof(DatumSyncServer).Assembly.GetManifestResourceStream($"DatumSync.Server.Pages.{name}")
            ?? throw new InvalidOperationException($"Missing embedded page {name}.");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}

/// <summary>The body of <c>GET /health</c>.</summary>
/// <param name="Status">Always <c>ok</c> when the server answers.</param>
/// <param name="Version">The build's version.</param>
/// <param name="Time">The server's clock.</param>
/// <param name="DataDirectory">Where state is kept.</param>
public sealed record HealthResponse(string Status, string Version, DateTimeOffset Time, string DataDirectory);
