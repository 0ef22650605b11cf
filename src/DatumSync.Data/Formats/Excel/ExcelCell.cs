using System.Globalization;

namespace DatumSync.Data.Formats.Excel;

/// <summary>The kinds of cell value ExcelDataReader hands out, as type inference sees them.</summary>
[Flags]
internal enum ExcelValueKind
{
    None = 0,
    Boolean = 1,
    Number = 2,
    DateTime = 4,
    Text = 8,
}

/// <summary>Helpers over the boxed cell values of ExcelDataReader: <see cref="bool"/>, <see cref="double"/>,
/// <see cref="int"/>, <see cref="string"/>, <see cref="System.DateTime"/>, <see cref="TimeSpan"/> or null.</summary>
internal static class ExcelCell
{
    /// <summary>2^63 as a double: the first double above the Int64 range.</summary>
    private const double TwoPow63 = 9_223_372_036_854_775_808d;

    /// <summary>Whether a cell counts as empty when deciding which rows and columns hold data (text of spaces is data).</summary>
    public static bool IsBlank(object? value) => value is null or string { Length: 0 };

    /// <summary>The kind of a (non-null) value for inference.</summary>
    public static ExcelValueKind KindOf(object value) => value switch
    {
        bool => ExcelValueKind.Boolean,
        double or int => ExcelValueKind.Number,
        DateTime => ExcelValueKind.DateTime,
        _ => ExcelValueKind.Text,
    };

    /// <summary>The value as a double, for numbers.</summary>
    public static double AsDouble(object value) => value is int i ? i : (double)value;

    /// <summary>Whether <paramref name="d"/> is a whole number that fits Int64 exactly.</summary>
    public static bool IsInt64(double d) => d == Math.Floor(d) && d >= -TwoPow63 && d < TwoPow63;

    /// <summary>The canonical text of a value: numbers invariant and shortest round-trip, dates ISO 8601.</summary>
    public static string ToText(object value)
    {
        switch (value)
        {
            case string s:
                return s;
            case bool b:
                return b ? "true" : "false";
            case double d:
                return FormatDouble(d);
            case int i:
                return i.ToString(CultureInfo.InvariantCulture);
            case DateTime dt:
                return dt.TimeOfDay == TimeSpan.Zero
                    ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : FormatTimestamp(ValueFormatter.ToEpochMicros(dt), utc: false);
            case TimeSpan ts:
                return ts.ToString("c", CultureInfo.InvariantCulture);
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
    }

    public static string FormatDouble(double d)
    {
        Span<byte> buffer = stackalloc byte[40];
        ValueFormatter.TryFormatDouble(d, buffer, out var n);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }

    public static string FormatTimestamp(long micros, bool utc)
    {
        Span<byte> buffer = stackalloc byte[40];
        ValueFormatter.TryFormatTimestamp(micros, utc, buffer, out var n);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }
}
