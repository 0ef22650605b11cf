namespace DatumSync.Modules;

/// <summary>One column as a module reports it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">Type name (<see cref="Data.DataType.ToString"/>).</param>
/// <param name="Confidence">Inference confidence 0..1, when the type was inferred.</param>
/// <param name="Nulls">Null values over the whole input.</param>
/// <param name="Notes">Inference remarks (ambiguities, widenings, formats such as day/month order).</param>
public sealed record ColumnReport(string Name, string Type, double? Confidence, long Nulls, IReadOnlyList<string> Notes);
