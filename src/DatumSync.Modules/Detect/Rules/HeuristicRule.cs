namespace DatumSync.Modules.Detect.Rules;

/// <summary>A check on the data of a dataset type.</summary>
/// <param name="Kind"><c>row_count</c>, <c>unique</c>, <c>foreign_key</c>, <c>monotonic</c>, <c>range</c> or <c>columns_explained</c>.</param>
/// <param name="Role">The column role it checks (not for <c>row_count</c>/<c>columns_explained</c>).</param>
/// <param name="Min">Lower bound (rows, values, or share of columns).</param>
/// <param name="Max">Upper bound.</param>
public sealed record HeuristicRule(string Kind, string? Role, double? Min, double? Max);
