using DatumSync.Data;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Mapping;

namespace DatumSync.Parquet.Reading;

/// <summary>Decides from column statistics which row groups can hold rows matching every predicate.</summary>
internal static class RowGroupFilter
{
    public static List<int> Select(FileMetaData footer, List<ColumnDescriptor> leaves, IReadOnlyList<ParquetPredicate>? filters, string source)
    {
        var all = Enumerable.Range(0, footer.RowGroups.Count).ToList();
        if (filters is not { Count: > 0 })
            return all;
        foreach (var f in filters)
        {
            if (leaves.FindIndex(l => l.Path == f.Column) < 0)
                throw new ParquetException(source, $"a filter names column '{f.Column}', which the file does not have");
        }
        return [.. all.Where(g => filters.All(f => MayMatch(footer.RowGroups[g], leaves, f)))];
    }

    private static bool MayMatch(RowGroup group, List<ColumnDescriptor> leaves, ParquetPredicate filter)
    {
        var index = leaves.FindIndex(l => l.Path == filter.Column);
        var column = leaves[index];
        var stats = group.Columns[index].MetaData?.Statistics;
        if (column.IsList || stats is null)
            return true;
        var minBytes = stats.MinValue ?? (SignedOrderIsTypeOrder(column) ? stats.Min : null);
        var maxBytes = stats.MaxValue ?? (SignedOrderIsTypeOrder(column) ? stats.Max : null);
        if (minBytes is null || maxBytes is null)
            return stats.NullCount is not { } nulls || nulls < group.NumRows;
        var min = PhysicalValues.Decode(column, minBytes);
        var max = PhysicalValues.Decode(column, maxBytes);
        if (min is null || max is null || Compare(min, filter.Value) is not { } againstMin || Compare(max, filter.Value) is not { } againstMax)
            return true;
        return filter.Comparison switch
        {
            ParquetComparison.Equal => againstMin <= 0 && againstMax >= 0,
            ParquetComparison.Less => againstMin < 0,
            ParquetComparison.LessOrEqual => againstMin <= 0,
            ParquetComparison.Greater => againstMax > 0,
            ParquetComparison.GreaterOrEqual => againstMax >= 0,
            _ => true,
        };
    }

    /// <summary>The deprecated min/max were written in signed order: trustworthy for numbers, not for text.</summary>
    private static bool SignedOrderIsTypeOrder(ColumnDescriptor column) => column.PhysicalType is PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double or PhysicalType.Boolean;

    /// <summary>Compares a statistics value with a predicate value; null when they cannot be compared.</summary>
    private static int? Compare(object stat, object value)
    {
        switch (stat)
        {
            case long l when TryDecimal(value, out var d):
                return ((decimal)l).CompareTo(d);
            case double x when TryDouble(value, out var y):
                return x.CompareTo(y);
            case DecimalValue dv when TryDecimal(value, out var d) && dv.TryToDecimal(out var s):
                return s.CompareTo(d);
            case string s when value is string v:
                return string.CompareOrdinal(s, v) switch { < 0 => -1, > 0 => 1, _ => 0 };
            case DateOnly a when value is DateOnly b:
                return a.CompareTo(b);
            case DateTime a when value is DateTime b:
                return a.CompareTo(b);
            case DateTimeOffset a when value is DateTimeOffset b:
                return a.CompareTo(b);
            case DateTimeOffset a when value is DateTime b:
                return a.UtcDateTime.CompareTo(DateTime.SpecifyKind(b, DateTimeKind.Utc));
            case bool a when value is bool b:
                return a.CompareTo(b);
            default:
                return null;
        }
    }

    private static bool TryDecimal(object value, out decimal d)
    {
        switch (value)
        {
            case long l: d = l; return true;
            case int i: d = i; return true;
            case decimal m: d = m; return true;
            case double x when double.IsFinite(x) && Math.Abs(x) < 7.9e27: d = (decimal)x; return true;
            default: d = 0; return false;
        }
    }

    private static bool TryDouble(object value, out double d)
    {
        switch (value)
        {
            case double x: d = x; return true;
            case long l: d = l; return true;
            case int i: d = i; return true;
            case decimal m: d = (double)m; return true;
            default: d = 0; return false;
        }
    }
}
