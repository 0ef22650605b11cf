namespace DatumSync.Server.Api.Contracts;

/// <summary>The answer to <c>POST /api/datasets</c>.</summary>
/// <param name="Dataset">The stored dataset (the earlier one for a duplicate).</param>
/// <param name="Duplicate">The same content was uploaded before.</param>
/// <param name="Jobs">For a duplicate: the jobs already run over it (newest first), so results can be reused.</param>
public sealed record UploadResponse(DatasetResponse Dataset, bool Duplicate, IReadOnlyList<JobResponse> Jobs);
