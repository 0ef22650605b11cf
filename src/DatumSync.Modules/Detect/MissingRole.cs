using System.Text.Json.Serialization;

namespace DatumSync.Modules.Detect;

/// <summary>A role no column fills.</summary>
public sealed record MissingRole(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("required")] bool Required);
