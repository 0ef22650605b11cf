using System.Reflection;
using DatumSync.Platform;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Storage;
using DatumSync.Server.Api.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DatumSync.Server.Api;

/// <summary><c>/health</c> (the process answers) and <c>/ready</c> (catalog and storage answer).</summary>
public static class HealthApi
{
    /// <summary>Maps the probes.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Health");
        group.MapGet("/health", Health).WithName("Health").WithSummary("Liveness: the process answers");
        group.MapGet("/ready", ReadyAsync).WithName("Ready").WithSummary("Readiness: the catalog and the object store answer")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>The build's version, read from the assembly once rather than by reflection on every probe.</summary>
    private static readonly string Version =
        typeof(DatumSyncServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    private static Ok<HealthResponse> Health(PlatformOptions options, TimeProvider clock) =>
        TypedResults.Ok(new HealthResponse("ok", Version, clock.GetUtcNow(), options.DataDirectory));

    private static async Task<Results<Ok<ReadyResponse>, ProblemHttpResult>> ReadyAsync(ICatalog catalog, IObjectStore store, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        if (!await Probe(() => catalog.PingAsync(cancellationToken)).ConfigureAwait(false))
            failed.Add($"catalog ({catalog.Provider})");
        if (!await Probe(() => store.PingAsync(cancellationToken)).ConfigureAwait(false))
            failed.Add("object store");
        return failed.Count == 0
            ? TypedResults.Ok(new ReadyResponse("ready", catalog.Provider, "ok"))
            : TypedResults.Problem($"not reachable: {string.Join(", ", failed)}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready.");
    }

    private static async Task<bool> Probe(Func<Task<bool>> ping)
    {
        try
        {
            return await ping().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a probe reports any failure as "not ready" rather than a 500
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
