using DatumSync.Data;

namespace DatumSync.Modules.Detect;

/// <summary>What dataset-type scoring knows of one column.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its data type.</param>
/// <param name="SemanticType">Its semantic type.</param>
/// <param name="Count">Values (nulls included).</param>
/// <param name="Nulls">Null values.</param>
/// <param name="Distinct">Distinct non-null values (exact or estimated).</param>
/// <param name="DistinctIsExact">Whether <paramref name="Distinct"/> is exact.</param>
/// <param name="Min">Smallest value of a numeric or temporal column (temporal as days or microseconds since 1970).</param>
/// <param name="Max">Largest such value.</param>
/// <param name="NonDecreasing">Whether the numeric or temporal values never decrease in file order.</param>
public sealed record ColumnFacts(string Name, DataType Type, string SemanticType, long Count, long Nulls, long Distinct, bool DistinctIsExact,
    double? Min, double? Max, bool NonDecreasing)
{
    /// <summary>Whether every non-null value differs (allowing the estimate's error when not exact).</summary>
    public bool IsUnique => Count - Nulls > 0 && (DistinctIsExact ? Distinct == Count - Nulls : Distinct >= 0.98 * (Count - Nulls));
}
