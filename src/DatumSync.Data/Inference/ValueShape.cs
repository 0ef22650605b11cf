namespace DatumSync.Data.Inference;

/// <summary>The forms a single text value can take; a value can have several (<c>1,234</c> is both a grouped integer
/// and a decimal-comma number).</summary>
[Flags]
internal enum ValueShape : uint
{
    None = 0,
    Bool = 1 << 0,
    Int = 1 << 1,
    IntGroupComma = 1 << 2,
    IntGroupDot = 1 << 3,
    DecDot = 1 << 4,
    DecDotGroupComma = 1 << 5,
    DecComma = 1 << 6,
    DecCommaGroupDot = 1 << 7,
    ExpDot = 1 << 8,
    ExpComma = 1 << 9,
    NaN = 1 << 10,
    DateYmd = 1 << 11,
    DateDmy = 1 << 12,
    DateMdy = 1 << 13,
    TsYmd = 1 << 14,
    TsDmy = 1 << 15,
    TsMdy = 1 << 16,
    /// <summary>Modifier: the timestamp carried a UTC offset.</summary>
    Offset = 1 << 17,
    /// <summary>Modifier: an integer part with a leading zero (<c>007</c>): a code, not a number.</summary>
    LeadingZero = 1 << 18,
}

/// <summary>The candidate column formats inference chooses among, narrowest first within each family.</summary>
internal enum Candidate
{
    Bool,
    Int,
    IntGroupComma,
    IntGroupDot,
    DecDot,
    DecDotGroupComma,
    DecComma,
    DecCommaGroupDot,
    DblDot,
    DblComma,
    DateYmd,
    DateDmy,
    DateMdy,
    TsYmd,
    TsDmy,
    TsMdy,
    Count,
}

internal static class ValueShapes
{
    private const ValueShape Numeric = ValueShape.NaN;

    /// <summary>For each candidate, the shapes it accepts.</summary>
    public static readonly ValueShape[] Accepts =
    [
        ValueShape.Bool,
        ValueShape.Int | Numeric,
        ValueShape.Int | ValueShape.IntGroupComma | Numeric,
        ValueShape.Int | ValueShape.IntGroupDot | Numeric,
        ValueShape.Int | ValueShape.DecDot | Numeric,
        ValueShape.Int | ValueShape.IntGroupComma | ValueShape.DecDot | ValueShape.DecDotGroupComma | Numeric,
        ValueShape.Int | ValueShape.DecComma | Numeric,
        ValueShape.Int | ValueShape.IntGroupDot | ValueShape.DecComma | ValueShape.DecCommaGroupDot | Numeric,
        ValueShape.Int | ValueShape.DecDot | ValueShape.ExpDot | Numeric,
        ValueShape.Int | ValueShape.DecComma | ValueShape.ExpComma | Numeric,
        ValueShape.DateYmd,
        ValueShape.DateDmy,
        ValueShape.DateMdy,
        ValueShape.DateYmd | ValueShape.TsYmd,
        ValueShape.DateDmy | ValueShape.TsDmy,
        ValueShape.DateMdy | ValueShape.TsMdy,
    ];

    /// <summary>The candidates that accept a value of this shape, as a bit set.</summary>
    public static uint CompatibleCandidates(ValueShape shape)
    {
        uint mask = 0;
        for (var c = 0; c < (int)Candidate.Count; c++)
        {
            if ((Accepts[c] & shape) != 0)
                mask |= 1u << c;
        }
        return mask;
    }

    /// <summary>Classifies a non-null, trimmed value.</summary>
    public static ValueShape Classify(ReadOnlySpan<byte> s)
    {
        s = Utf8ValueParser.Trim(s);
        if (s.IsEmpty)
            return ValueShape.None;
        var first = s[0];
        var shape = ValueShape.None;
        var numericStart = (uint)(first - '0') <= 9 || first is (byte)'-' or (byte)'+' or (byte)'.' or (byte)',';
        if (!numericStart)
        {
            if (Utf8ValueParser.TryParseBoolean(s, out _))
                return ValueShape.Bool;
            if (NullTokenSet.IsNaN(s))
                return ValueShape.NaN;
            if ((first | 0x20) == 'i' && Utf8ValueParser.TryParseDouble(s, NumberStyle.Invariant, out _))
                return ValueShape.ExpDot | ValueShape.ExpComma;
            return ValueShape.None;
        }

        // Dates and timestamps: a digit first and a date separator within the first 5 bytes.
        if ((uint)(first - '0') <= 9 && s.Length >= 6 && s[..Math.Min(5, s.Length)].IndexOfAny((byte)'-', (byte)'/', (byte)'.') > 0
            && (s.Length < 8 || s.IndexOfAny((byte)'-', (byte)'/') > 0 || CountByte(s, (byte)'.') == 2))
        {
            var timed = Utf8ValueParser.HasTimePart(s);
            shape |= ClassifyTemporal(s, DateLayout.YearMonthDay, timed, ValueShape.DateYmd, ValueShape.TsYmd);
            shape |= ClassifyTemporal(s, DateLayout.DayMonthYear, timed, ValueShape.DateDmy, ValueShape.TsDmy);
            shape |= ClassifyTemporal(s, DateLayout.MonthDayYear, timed, ValueShape.DateMdy, ValueShape.TsMdy);
            if (shape != ValueShape.None)
                return shape;
        }

        var body = first is (byte)'-' or (byte)'+' ? s[1..] : s;
        if (body.Length > 1 && body[0] == '0' && (uint)(body[1] - '0') <= 9)
            return ValueShape.LeadingZero;

        if (Utf8ValueParser.TryParseInt64(s, 0, out _) || IsLongInteger(s))
            return ValueShape.Int;
        if (Utf8ValueParser.TryMeasureFixed(s, NumberStyle.DotDecimalCommaGroups, out _, out _))
        {
            var hasComma = s.IndexOf((byte)',') >= 0;
            var hasDot = s.IndexOf((byte)'.') >= 0;
            shape |= hasComma ? hasDot ? ValueShape.DecDotGroupComma : ValueShape.IntGroupComma : ValueShape.DecDot;
        }
        if (Utf8ValueParser.TryMeasureFixed(s, NumberStyle.CommaDecimalDotGroups, out _, out _))
        {
            var hasComma = s.IndexOf((byte)',') >= 0;
            var hasDot = s.IndexOf((byte)'.') >= 0;
            shape |= hasDot ? hasComma ? ValueShape.DecCommaGroupDot : ValueShape.IntGroupDot : ValueShape.DecComma;
        }
        if (shape == ValueShape.None)
        {
            if (Utf8ValueParser.TryParseDouble(s, NumberStyle.Invariant, out _))
                shape |= ValueShape.ExpDot;
            if (Utf8ValueParser.TryParseDouble(s, NumberStyle.CommaDecimal, out _))
                shape |= ValueShape.ExpComma;
        }
        return shape;
    }

    private static ValueShape ClassifyTemporal(ReadOnlySpan<byte> s, DateLayout layout, bool timed, ValueShape date, ValueShape timestamp)
    {
        if (!timed)
            return Utf8ValueParser.TryParseDate(s, layout, out _) ? date : ValueShape.None;
        if (!Utf8ValueParser.TryParseTimestamp(s, layout, out _, out var offset))
            return ValueShape.None;
        return timestamp | (offset ? ValueShape.Offset : ValueShape.None);
    }

    /// <summary>Digits only (optionally signed), too long for Int64: still an integer, held as a decimal.</summary>
    private static bool IsLongInteger(ReadOnlySpan<byte> s)
    {
        var body = s[0] is (byte)'-' or (byte)'+' ? s[1..] : s;
        return body.Length > 18 && body.Length <= DataType.MaxDecimalPrecision && !body.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static int CountByte(ReadOnlySpan<byte> s, byte b) => System.MemoryExtensions.Count(s, b);
}
