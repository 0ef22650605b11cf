using System.Text.Json.Serialization;

namespace DatumSync.Modules.Detect;

/// <summary>How well the file fits one dataset type, and why.</summary>
/// <param name="Type">The type's name.</param>
/// <param name="Score">0–100: the sum of <paramref name="Strategies"/> (capped at 69.9 when a required column is missing).</param>
/// <param name="Level">The score's level.</param>
/// <param name="Strategies">Points each strategy contributed.</param>
/// <param name="MatchedColumns">Roles found, with the column and the strategy that found it.</param>
/// <param name="MissingColumns">Roles not found.</param>
/// <param name="Heuristics">Each heuristic check and its outcome.</param>
public sealed record DatasetTypeCandidate(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("strategies")] StrategyScores Strategies,
    [property: JsonPropertyName("matched_columns")] IReadOnlyList<RoleMatch> MatchedColumns,
    [property: JsonPropertyName("missing_columns")] IReadOnlyList<MissingRole> MissingColumns,
    [property: JsonPropertyName("heuristics")] IReadOnlyList<HeuristicOutcome> Heuristics);
