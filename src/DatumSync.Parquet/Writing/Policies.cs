using DatumSync.Data;
using DatumSync.Parquet.Format;

namespace DatumSync.Parquet.Writing;

/// <summary>INT64 from Int64 and Timestamp columns (and decimals up to 18 digits).</summary>
internal readonly struct Int64Policy : IFixedWidthPolicy<long>
{
    public static PhysicalType PhysicalType => PhysicalType.Int64;

    public static void Extract(Column column, int start, Span<long> destination)
    {
        switch (column)
        {
            case PrimitiveColumn<long> longs:
                longs.Values.Slice(start, destination.Length).CopyTo(destination);
                break;
            case DecimalColumn decimals:
                var values = decimals.Values.Slice(start, destination.Length);
                for (var i = 0; i < values.Length; i++)
                    destination[i] = (long)values[i];
                break;
            default:
                throw new ArgumentException($"INT64 cannot hold a {column.Type} column.", nameof(column));
        }
    }

    public static bool Less(long a, long b) => a < b;

    public static bool ExcludeFromStatistics(long value) => false;

}

/// <summary>INT32 from Date columns (and decimals up to 9 digits).</summary>
internal readonly struct Int32Policy : IFixedWidthPolicy<int>
{
    public static PhysicalType PhysicalType => PhysicalType.Int32;

    public static void Extract(Column column, int start, Span<int> destination)
    {
        switch (column)
        {
            case DateColumn dates:
                dates.Values.Slice(start, destination.Length).CopyTo(destination);
                break;
            case DecimalColumn decimals:
                var values = decimals.Values.Slice(start, destination.Length);
                for (var i = 0; i < values.Length; i++)
                    destination[i] = (int)values[i];
                break;
            default:
                throw new ArgumentException($"INT32 cannot hold a {column.Type} column.", nameof(column));
        }
    }

    public static bool Less(int a, int b) => a < b;

    public static bool ExcludeFromStatistics(int value) => false;

}

/// <summary>DOUBLE from Double columns.</summary>
internal readonly struct DoublePolicy : IFixedWidthPolicy<double>
{
    public static PhysicalType PhysicalType => PhysicalType.Double;

    public static void Extract(Column column, int start, Span<double> destination)
        => ((DoubleColumn)column).Values.Slice(start, destination.Length).CopyTo(destination);

    public static bool Less(double a, double b) => a < b;

    // NaN has no place in min/max (readers would skip or mis-prune).
    public static bool ExcludeFromStatistics(double value) => double.IsNaN(value);

}
