using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DatumSync.Server.Api;

/// <summary>
/// Raises the request body limit on upload routes only (routing applies <see cref="IRequestSizeLimitMetadata"/>);
/// every other route keeps the server's small default, so a huge JSON body cannot be pushed at <c>POST /api/jobs</c>.
/// The upload service enforces the exact limit while streaming; Kestrel's limit sits a little above it for the
/// multipart framing.
/// </summary>
internal sealed record UploadSizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    /// <summary>Kestrel's limit for routes that are not uploads.</summary>
    public const long DefaultMaxRequestBodyBytes = 1 << 20;

    public static TBuilder Apply<TBuilder>(TBuilder builder, IEndpointRouteBuilder app) where TBuilder : IEndpointConventionBuilder
    {
        var limit = app.ServiceProvider.GetRequiredService<ServerOptions>().MaxUploadBytes + (1 << 20);
        return builder.WithMetadata(new UploadSizeLimit(limit));
    }
}
