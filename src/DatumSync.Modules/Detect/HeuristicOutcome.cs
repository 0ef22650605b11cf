using System.Text.Json.Serialization;

namespace DatumSync.Modules.Detect;

/// <summary>One heuristic check.</summary>
public sealed record HeuristicOutcome(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("detail")] string Detail);
