using System.Text.Json;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Storage;
using DatumSync.Server.Api.Contracts;
using Microsoft.AspNetCore.Http;

namespace DatumSync.Server.Api;

/// <summary>Builds response DTOs and their links (absolute, from the request's scheme and host).</summary>
internal sealed class ApiResponses(UrlSigner signer, TimeProvider clock, ServerOptions options)
{
    /// <summary>The route prefix of signed downloads.</summary>
    public const string FilesPrefix = "/api/files/";

    public DatasetResponse Dataset(HttpRequest request, Dataset d)
    {
        var self = Url(request, $"/api/datasets/{d.Id}");
        return new DatasetResponse(d.Id, d.Name, d.Sha256, d.SizeBytes, d.Format, ParseJson(d.SchemaJson), d.CreatedAt,
            new DatasetLinks(self, self + "/rows", Url(request, $"/api/jobs?datasetId={d.Id}"), SignedUrl(request, d.StorageKey).Url));
    }

    public JobResponse Job(HttpRequest request, Job j)
    {
        var self = Url(request, $"/api/jobs/{j.Id}");
        double? progress = j.State == JobState.Succeeded ? 100 : j.Progress is { } p ? Math.Round(Math.Clamp(p, 0, 1) * 100, 1) : null;
        var end = j.FinishedAt ?? (j.State == JobState.Running ? clock.GetUtcNow() : null);
        double? duration = j.StartedAt is { } start && end is { } e ? Math.Round((e - start).TotalSeconds, 3) : null;
        return new JobResponse(j.Id, j.Module, j.DatasetIds, ParseJson(j.OptionsJson) ?? EmptyObject, JobStates.Name(j.State), progress, j.Stage, j.Attempts,
            j.MaxAttempts, j.CancelRequested, j.CreatedAt, j.StartedAt, j.FinishedAt, duration, j.Error, ParseJson(j.ReportJson),
            new JobLinks(self, self + "/outputs", self + "/cancel", self + "/retry"));
    }

    public OutputResponse Output(HttpRequest request, JobOutput o)
    {
        var (url, expires) = SignedUrl(request, o.StorageKey);
        return new OutputResponse(o.Name, o.ContentType, o.SizeBytes, url, expires);
    }

    /// <summary>A signed URL for an object-store key; the signature covers <c>/api/files/&lt;key&gt;</c> and the expiry.</summary>
    public (string Url, DateTimeOffset ExpiresAt) SignedUrl(HttpRequest request, string key)
    {
        var (expires, signature) = signer.Sign(FilesPrefix + key, options.DownloadUrlLifetime);
        var escaped = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return (Url(request, $"{FilesPrefix}{escaped}?expires={expires}&signature={signature}"), DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    public static string Url(HttpRequest request, string pathAndQuery) => $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
