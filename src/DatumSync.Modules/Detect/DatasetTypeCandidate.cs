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

/// <summary>Points (of 100) per strategy.</summary>
public sealed record StrategyScores(
    [property: JsonPropertyName("strict_name")] double StrictName,
    [property: JsonPropertyName("name_pattern")] double NamePattern,
    [property: JsonPropertyName("data_type")] double DataType,
    [property: JsonPropertyName("heuristics")] double Heuristics);

/// <summary>A role and the column that fills it.</summary>
/// <param name="Role">The role.</param>
/// <param name="Column">The file's column.</param>
/// <param name="Strategy"><c>strict_name</c>, <c>name_pattern</c> or <c>data_type</c>.</param>
/// <param name="TypeAgrees">Whether the column's data/semantic type is what the role expects.</param>
public sealed record RoleMatch(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("type_agrees")] bool TypeAgrees);

/// <summary>A role no column fills.</summary>
public sealed record MissingRole(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("required")] bool Required);

/// <summary>One heuristic check.</summary>
public sealed record HeuristicOutcome(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("detail")] string Detail);
