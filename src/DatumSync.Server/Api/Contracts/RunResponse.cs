namespace DatumSync.Server.Api.Contracts;

/// <summary>The answer to a one-call run (<c>POST /api/convert</c> and the like): upload + job.</summary>
/// <param name="Dataset">The uploaded (or earlier identical) dataset.</param>
/// <param name="Job">The new job, or the earlier succeeded one when <paramref name="Duplicate"/>.</param>
/// <param name="Duplicate">The same content was run with the same module and options before; its job is returned
/// (pass <c>reprocess=true</c> to run again).</param>
/// <param name="DatasetDuplicate">The content itself was uploaded before.</param>
public sealed record RunResponse(DatasetResponse Dataset, JobResponse Job, bool Duplicate, bool DatasetDuplicate);
