using System.Text.Json.Serialization;

namespace DatumSync.Modules.Detect;

/// <summary>Points (of 100) per strategy.</summary>
public sealed record StrategyScores(
    [property: JsonPropertyName("strict_name")] double StrictName,
    [property: JsonPropertyName("name_pattern")] double NamePattern,
    [property: JsonPropertyName("data_type")] double DataType,
    [property: JsonPropertyName("heuristics")] double Heuristics);
