using DatumSync.Modules;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DatumSync.Server.Api;

/// <summary>
/// <c>GET /api/files/{key}</c>: streams a stored file to whoever holds a valid signed URL (from the outputs or dataset
/// listings). Only keys the catalog knows (job outputs, uploads) are served; range requests are honoured.
/// </summary>
public static class DownloadsApi
{
    /// <summary>Maps the download route.</summary>
    public static IEndpointRouteBuilder MapDownloadsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/files").WithTags("Downloads")
            .MapGet("/{**key}", DownloadAsync).WithName("DownloadFile").WithSummary("Download a stored file through a signed URL")
            .WithDescription("expires (Unix seconds) and signature come from the signed URL; a missing, altered or expired signature answers 403. "
                + "Supports Range requests (206).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<PhysicalFileHttpResult, FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(string key, string? expires,
        string? signature, UrlSigner signer, ICatalog catalog, IObjectStore store, CancellationToken cancellationToken)
    {
        switch (signer.Verify(ApiResponses.FilesPrefix + key, expires, signature))
        {
            case SignatureCheck.Expired:
                return Forbidden("the download link has expired; list the outputs again for a fresh link");
            case SignatureCheck.Invalid:
                return Forbidden("the download link's signature is missing or does not match");
        }
        if (await FindAsync(key, catalog, cancellationToken).ConfigureAwait(false) is not { } file)
            return NotFound(key);
        if (store.TryGetLocalPath(key) is { } path)
            return TypedResults.PhysicalFile(path, file.ContentType, file.Name, enableRangeProcessing: true);
        if (await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false) is not { } stream)
            return NotFound(key);
        return TypedResults.Stream(stream, file.ContentType, file.Name, enableRangeProcessing: stream.CanSeek);
    }

    private static async Task<(string Name, string ContentType)?> FindAsync(string key, ICatalog catalog, CancellationToken cancellationToken)
    {
        var parts = key.Split('/');
        if (parts.Length == 4 && parts[0] == "uploads")
        {
            var dataset = await catalog.FindDatasetByHashAsync(Tenants.Default, parts[3], cancellationToken).ConfigureAwait(false);
            return dataset is not null && dataset.StorageKey == key
                ? (dataset.Name, dataset.Format is { } f ? ContentTypes.ForFormat(f) : "application/octet-stream")
                : null;
        }
        if (parts.Length >= 3 && parts[0] == "jobs" && Guid.TryParse(parts[1], out var jobId))
        {
            var outputs = await catalog.ListOutputsAsync(Tenants.Default, jobId, cancellationToken).ConfigureAwait(false);
            return outputs.FirstOrDefault(o => o.StorageKey == key) is { } o ? (o.Name, o.ContentType) : null;
        }
        return null;
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Download not allowed.");

    private static ProblemHttpResult NotFound(string key) =>
        TypedResults.Problem($"no stored file '{key}'", statusCode: StatusCodes.Status404NotFound, title: "File not found.");
}
