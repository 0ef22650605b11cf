using System.Text.Json;

namespace DatumSync.Server.Api.Contracts;

/// <summary>The body of <c>POST /api/jobs</c>.</summary>
/// <param name="Module">Module name (see <c>GET /api/modules</c>).</param>
/// <param name="DatasetIds">Input datasets, in order.</param>
/// <param name="Options">Module options (a JSON object); omitted means defaults.</param>
public sealed record SubmitJobRequest(string? Module, IReadOnlyList<Guid>? DatasetIds, JsonElement? Options);
