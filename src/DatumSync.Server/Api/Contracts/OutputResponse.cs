namespace DatumSync.Server.Api.Contracts;

/// <summary>A job output with its signed download URL.</summary>
/// <param name="Name">File name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="SizeBytes">Length.</param>
/// <param name="Url">Signed download URL.</param>
/// <param name="ExpiresAt">When <paramref name="Url"/> stops working.</param>
public sealed record OutputResponse(string Name, string ContentType, long SizeBytes, string Url, DateTimeOffset ExpiresAt);
