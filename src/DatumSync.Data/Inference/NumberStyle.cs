namespace DatumSync.Data.Inference;

/// <summary>How numbers are written: the decimal separator and the thousands (group) separator.</summary>
/// <param name="DecimalSeparator">'.' or ','.</param>
/// <param name="GroupSeparator">',' '.' ' ' or 0 for none.</param>
public readonly record struct NumberStyle(byte DecimalSeparator, byte GroupSeparator)
{
    /// <summary><c>1234.5</c>.</summary>
    public static NumberStyle Invariant { get; } = new((byte)'.', 0);

    /// <summary><c>1,234.5</c>.</summary>
    public static NumberStyle DotDecimalCommaGroups { get; } = new((byte)'.', (byte)',');

    /// <summary><c>1234,5</c>.</summary>
    public static NumberStyle CommaDecimal { get; } = new((byte)',', 0);

    /// <summary><c>1.234,5</c>.</summary>
    public static NumberStyle CommaDecimalDotGroups { get; } = new((byte)',', (byte)'.');

    /// <inheritdoc />
    public override string ToString()
        => $"decimal '{(char)DecimalSeparator}'" + (GroupSeparator == 0 ? "" : $", thousands '{(char)GroupSeparator}'");
}

/// <summary>The order of date parts a column uses.</summary>
public enum DateLayout : byte
{
    /// <summary><c>2024-03-04</c> (also <c>2024/03/04</c>, <c>2024.03.04</c>).</summary>
    YearMonthDay,
    /// <summary><c>04/03/2024</c>, <c>4.3.2024</c>, <c>04-03-2024</c>: day first.</summary>
    DayMonthYear,
    /// <summary><c>03/04/2024</c>: month first (US).</summary>
    MonthDayYear,
}

/// <summary>How a column's text is turned into values: the type plus the conventions needed to parse it.</summary>
/// <param name="Type">The column type.</param>
/// <param name="Number">Number conventions (numeric types).</param>
/// <param name="Dates">Date part order (dates and timestamps).</param>
public sealed record ColumnFormat(DataType Type, NumberStyle Number, DateLayout Dates = DateLayout.YearMonthDay)
{
    /// <summary>A string column.</summary>
    public static ColumnFormat String { get; } = new(DataType.String, NumberStyle.Invariant);

    /// <summary>The default format for a type (invariant numbers, ISO dates).</summary>
    public static ColumnFormat For(DataType type) => new(type, NumberStyle.Invariant);

    /// <summary>A short description such as <c>decimal(18,2), decimal ','</c> or <c>date, day/month/year</c>.</summary>
    public override string ToString() => Type.Kind switch
    {
        TypeKind.Int64 or TypeKind.Decimal or TypeKind.Double when Number != NumberStyle.Invariant => $"{Type} ({Number})",
        TypeKind.Date or TypeKind.Timestamp when Dates != DateLayout.YearMonthDay => $"{Type} ({DescribeLayout(Dates)})",
        _ => Type.ToString(),
    };

    /// <summary><c>day/month/year</c>, <c>month/day/year</c> or <c>year-month-day</c>.</summary>
    public static string DescribeLayout(DateLayout layout) => layout switch
    {
        DateLayout.DayMonthYear => "day/month/year",
        DateLayout.MonthDayYear => "month/day/year",
        _ => "year-month-day",
    };
}
