using System.Text.Json;

namespace DatumSync.Server.Api.Contracts;

/// <summary>A job as the API shows it.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Module">Module name.</param>
/// <param name="DatasetIds">Input datasets.</param>
/// <param name="Options">Module options.</param>
/// <param name="State">queued, running, retry_wait, succeeded, failed or cancelled.</param>
/// <param name="ProgressPercent">0–100 while running when the module reports it; 100 once succeeded.</param>
/// <param name="Stage">What the module is doing.</param>
/// <param name="Attempts">Attempts started.</param>
/// <param name="MaxAttempts">Attempts allowed.</param>
/// <param name="CancelRequested">A cancel was asked for while it ran.</param>
/// <param name="CreatedAt">Enqueue time.</param>
/// <param name="StartedAt">Start of the current/last attempt.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="DurationSeconds">Finished (or now) minus started.</param>
/// <param name="Error">The last attempt's error, readable by users.</param>
/// <param name="Report">The module's report (a JSON object) once succeeded.</param>
/// <param name="Links">Related URLs.</param>
public sealed record JobResponse(Guid Id, string Module, IReadOnlyList<Guid> DatasetIds, JsonElement Options, string State, double? ProgressPercent,
    string? Stage, int Attempts, int MaxAttempts, bool CancelRequested, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    double? DurationSeconds, string? Error, JsonElement? Report, JobLinks Links);

/// <summary>URLs of a job.</summary>
/// <param name="Self">This job.</param>
/// <param name="Outputs">Its outputs with signed download URLs.</param>
/// <param name="Cancel">POST here to cancel.</param>
/// <param name="Retry">POST here to retry a failed or cancelled job.</param>
public sealed record JobLinks(string Self, string Outputs, string Cancel, string Retry);
