using System.Text.Json.Serialization;

namespace DatumSync.Modules.Detect;

/// <summary>One column in the detect report.</summary>
public sealed record DetectColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("semantic_type")] string SemanticType,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("conforming_share")] double ConformingShare,
    [property: JsonPropertyName("non_conforming_examples")] IReadOnlyList<string> NonConformingExamples,
    [property: JsonPropertyName("pii")] bool Pii,
    [property: JsonPropertyName("evidence")] IReadOnlyList<string> Evidence,
    [property: JsonPropertyName("distinct")] long Distinct,
    [property: JsonPropertyName("distinct_exact")] bool DistinctExact,
    [property: JsonPropertyName("nulls")] long Nulls);
