using System.Text.Json.Serialization;

namespace DatumSync.Modules.Detect;

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
