using System.Text.Json;

namespace DatumSync.Server.Api.Contracts;

/// <summary>A dataset as the API shows it.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">The file name it was uploaded under.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="SizeBytes">Content length.</param>
/// <param name="Format">Detected format (<c>csv</c>, <c>parquet</c>…), or null when the file could not be read.</param>
/// <param name="Schema">Columns as <c>[{"name","type","nullable"}]</c>, or null when unknown.</param>
/// <param name="CreatedAt">Upload time.</param>
/// <param name="Links">Related URLs (the download URL is signed and expires).</param>
public sealed record DatasetResponse(Guid Id, string Name, string Sha256, long SizeBytes, string? Format, JsonElement? Schema, DateTimeOffset CreatedAt,
    DatasetLinks Links);

/// <summary>URLs of a dataset.</summary>
/// <param name="Self">This dataset.</param>
/// <param name="Rows">The rows preview.</param>
/// <param name="Jobs">Jobs over this dataset.</param>
/// <param name="Download">A signed URL for the content.</param>
public sealed record DatasetLinks(string Self, string Rows, string Jobs, string Download);
