namespace DatumSync.Server.Api.Contracts;

/// <summary>A page of a dataset's rows.</summary>
/// <param name="Columns">Columns (name, type).</param>
/// <param name="Rows">Values per row, in column order: booleans, integers and finite doubles as JSON values, others as
/// their canonical text, nulls as null.</param>
/// <param name="Skip">Matching rows skipped.</param>
/// <param name="Limit">The page size used.</param>
/// <param name="HasMore">More matching rows follow.</param>
public sealed record RowsResponse(IReadOnlyList<ColumnResponse> Columns, IReadOnlyList<object?[]> Rows, long Skip, int Limit, bool HasMore);

/// <summary>A column.</summary>
/// <param name="Name">Name.</param>
/// <param name="Type">Type (<c>int64</c>, <c>decimal(10,2)</c>…).</param>
/// <param name="Nullable">Whether it may hold nulls.</param>
public sealed record ColumnResponse(string Name, string Type, bool Nullable);
