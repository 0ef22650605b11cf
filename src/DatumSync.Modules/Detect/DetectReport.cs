using System.Text.Json.Serialization;

namespace DatumSync.Modules.Detect;

/// <summary>What <c>detect</c> found: per column a semantic type with evidence, the PII columns, and the dataset type. Keys are snake_case and stable.</summary>
/// <param name="Source">The input's name.</param>
/// <param name="Format">Its format.</param>
/// <param name="Rows">Data rows.</param>
/// <param name="Columns">Per column: data and semantic type, confidence, evidence.</param>
/// <param name="PiiColumns">Names of the columns holding personal data.</param>
/// <param name="DatasetType">The dataset-type verdict with every candidate.</param>
/// <param name="Rules">Which rules were used (<c>built-in</c>, <c>built-in + FILE</c>, <c>FILE</c>).</param>
/// <param name="ElapsedSeconds">Wall time.</param>
public sealed record DetectReport(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("columns")] IReadOnlyList<DetectColumn> Columns,
    [property: JsonPropertyName("pii_columns")] IReadOnlyList<string> PiiColumns,
    [property: JsonPropertyName("dataset_type")] DatasetTypeVerdict DatasetType,
    [property: JsonPropertyName("rules")] string Rules,
    [property: JsonPropertyName("elapsed_seconds")] double ElapsedSeconds);
