using DatumSync.Platform;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Uploads;
using DatumSync.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DatumSync.Server;

/// <summary>Builds and runs the DatumSync web server (dashboard + API) over the platform services.</summary>
/// <remarks>
/// Split in two so tests can change the host between the steps: <see cref="CreateBuilder"/> registers the services
/// (a test swaps in a TestServer or a fake clock), <see cref="Build(WebApplicationBuilder)"/> maps the routes.
/// </remarks>
public static class DatumSyncServer
{
    /// <summary>The address served when none is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>The configuration key (and environment variable) of the download-signing key.</summary>
    public const string SigningKeyVariable = "DATUMSYNC_SIGNING_KEY";

    /// <summary>Builds the application.</summary>
    public static WebApplication Build(ServerOptions options, string[]? args = null) => Build(CreateBuilder(options, args));

    /// <summary>Registers the server's services; the caller may adjust the builder before <see cref="Build(WebApplicationBuilder)"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(ServerOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resolved = options with { Platform = options.Platform.Resolve() };
        if (resolved.MaxUploadBytes <= 0)
            throw new ArgumentException("the upload limit must be positive");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [] });
        builder.WebHost.UseUrls(resolved.Urls);
        // Small bodies everywhere; the upload routes raise the limit for themselves (UploadSizeLimit).
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = UploadSizeLimit.DefaultMaxRequestBodyBytes);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(resolved);
        services.AddDatumSyncPlatform(resolved.Platform);
        services.AddSingleton(sp => UrlSigner.Create(resolved.Platform.DataDirectory,
            resolved.SigningKey ?? builder.Configuration[SigningKeyVariable] ?? Environment.GetEnvironmentVariable(SigningKeyVariable),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new UploadService(sp.GetRequiredService<ICatalog>(), sp.GetRequiredService<IObjectStore>(), resolved.Platform,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ApiResponses>();
        services.AddSingleton<ApiAudit>();

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "DatumSync API";
            document.Info.Description = "Upload datasets, run modules over them as jobs, download their outputs through signed URLs. "
                + "Every error is a ProblemDetails object (RFC 9457).";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Builds the application from a builder made by <see cref="CreateBuilder"/> and maps every route.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        var landing = LoadPage("index.html");
        app.MapGet("/", () => Results.Content(landing, "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapHealthApi();
        app.MapDatasetsApi();
        app.MapJobsApi();
        app.MapRunApi();
        app.MapModulesApi();
        app.MapDownloadsApi();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.DocumentTitle = "DatumSync API";
            o.SwaggerEndpoint("/openapi/v1.json", "DatumSync API v1");
        });
        return app;
    }

    /// <summary>Applies catalog migrations; call before starting.</summary>
    public static async Task MigrateAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.GetRequiredService<ICatalog>().MigrateAsync(cancellationToken).ConfigureAwait(false);
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
