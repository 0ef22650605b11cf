using System.Text;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Uploads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DatumSync.Server.Api;

/// <summary>What an upload request carried.</summary>
/// <param name="Upload">The stored dataset.</param>
/// <param name="OptionsJson">The <c>options</c> form field, when sent.</param>
internal sealed record UploadRequest(UploadResult Upload, string? OptionsJson);

/// <summary>
/// Reads an upload from a request: <c>multipart/form-data</c> (the first file part, plus an optional <c>options</c>
/// field), or any other body taken as the file itself (named by <c>?name=</c>). Multipart sections are read as
/// streams; nothing is buffered whole, so memory stays flat whatever the size.
/// </summary>
internal static class UploadRequestReader
{
    private const int MaxFieldBytes = 64 * 1024;

    /// <param name="request">The request.</param>
    /// <param name="rawName">The file name for a raw body (<c>?name=</c>).</param>
    /// <param name="uploads">Stores the file.</param>
    /// <param name="maxBytes">The size limit.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <param name="checkOptions">Checks the <c>options</c> part as soon as it is read, so options sent before the file
    /// are refused before the file is stored.</param>
    public static async Task<UploadRequest> ReadAsync(HttpRequest request, string? rawName, UploadService uploads, long maxBytes, CancellationToken cancellationToken,
        Action<string>? checkOptions = null)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (request.ContentLength == 0)
                throw new RequestValidationException("file", "the request body is empty; send the file as the body or as a multipart 'file' part");
            var raw = await uploads.UploadAsync(request.Body, rawName ?? "upload", Tenants.Default, maxBytes, cancellationToken).ConfigureAwait(false);
            return new UploadRequest(raw, null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
            throw new RequestValidationException("Content-Type", "multipart/form-data needs a boundary");
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        UploadResult? upload = null;
        string? options = null;
        string? fieldName = null;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                continue;
            var partName = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            if (!string.IsNullOrEmpty(fileName) || partName == "file")
            {
                if (upload is not null)
                    throw new RequestValidationException("file", "send one file per request");
                upload = await uploads.UploadAsync(section.Body, fieldName ?? fileName ?? "upload", Tenants.Default, maxBytes, cancellationToken)
                    .ConfigureAwait(false);
            }
            else if (partName == "options")
            {
                options = await ReadFieldAsync(section.Body, partName, cancellationToken).ConfigureAwait(false);
                checkOptions?.Invoke(options);
            }
            else if (partName == "name")
            {
                fieldName = await ReadFieldAsync(section.Body, partName, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await section.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
        }
        return upload is null
            ? throw new RequestValidationException("file", "no file part in the multipart body (send the file as a part named 'file')")
            : new UploadRequest(upload, options);
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var n = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (n > MaxFieldBytes)
            throw new RequestValidationException(name, $"the field is longer than {MaxFieldBytes} bytes");
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
