using System.Numerics;
using System.Text;

namespace DatumSync.Data.Inference;

/// <summary>
/// Accumulates what a column's values look like, value by value, and then decides the narrowest type that holds
/// every one of them: boolean, integer, decimal, double, date, timestamp (with or without offset), else string.
/// </summary>
/// <remarks>
/// Each value is classified into the shapes it could be (<see cref="ValueShape"/>); a candidate format stays viable
/// while every value fits it. Ambiguity between candidates (<c>03/04/2024</c>, <c>1,234</c>) is resolved by file-wide
/// evidence or user settings, and reported.
/// </remarks>
public sealed class ColumnTypeEvidence
{
    private readonly NullTokenSet _nulls;
    private readonly long[] _matches = new long[(int)Candidate.Count];
    private readonly string?[] _firstMiss = new string?[(int)Candidate.Count];
    private readonly long[] _firstMissRow = new long[(int)Candidate.Count];
    private uint _viable = (1u << (int)Candidate.Count) - 1;
    private long _offsetCount;
    private long _timestampCount;
    private int _maxIntegerDigitsDot, _maxFractionDigitsDot, _maxIntegerDigitsComma, _maxFractionDigitsComma;
    private bool _leadingZero;
    private bool _int64Overflow;
    private string? _ambiguousExample;
    private string? _leadingZeroExample;

    /// <summary>Creates empty evidence.</summary>
    public ColumnTypeEvidence(NullTokenSet? nulls = null) => _nulls = nulls ?? NullTokenSet.Default;

    /// <summary>Non-null values observed.</summary>
    public long ValueCount { get; private set; }

    /// <summary>Null values observed.</summary>
    public long NullCount { get; private set; }

    /// <summary>Longest value in bytes.</summary>
    public int MaxLength { get; private set; }

    /// <summary>+1 when only '.'-decimal number styles fit, -1 when only ','-decimal styles fit, 0 otherwise.</summary>
    public int NumberStyleEvidence
    {
        get
        {
            const uint dot = (1u << (int)Candidate.IntGroupComma) | (1u << (int)Candidate.DecDot) | (1u << (int)Candidate.DecDotGroupComma) | (1u << (int)Candidate.DblDot);
            const uint comma = (1u << (int)Candidate.IntGroupDot) | (1u << (int)Candidate.DecComma) | (1u << (int)Candidate.DecCommaGroupDot) | (1u << (int)Candidate.DblComma);
            if (ValueCount == 0 || Has(Candidate.Int))
                return 0;
            var d = (_viable & dot) != 0;
            var c = (_viable & comma) != 0;
            return d == c ? 0 : d ? 1 : -1;
        }
    }

    /// <summary>The date order this column proves (only one of day-first / month-first fits), if any.</summary>
    public DateLayout? DateOrderEvidence
    {
        get
        {
            var dmy = Has(Candidate.DateDmy) || Has(Candidate.TsDmy);
            var mdy = Has(Candidate.DateMdy) || Has(Candidate.TsMdy);
            return dmy == mdy ? null : dmy ? DateLayout.DayMonthYear : DateLayout.MonthDayYear;
        }
    }

    /// <summary>Observes one raw field (unescaped; <paramref name="quoted"/> when it was in quotes).</summary>
    /// <param name="field">The value's bytes.</param>
    /// <param name="quoted">Whether the field was quoted (a quoted empty field is an empty string, not null).</param>
    /// <param name="row">The 1-based row, for notes.</param>
    public void Observe(ReadOnlySpan<byte> field, bool quoted, long row)
    {
        if (_nulls.IsNull(field) || (quoted && field.IsEmpty))
        {
            NullCount++;
            return;
        }
        ValueCount++;
        if (field.Length > MaxLength)
            MaxLength = field.Length;
        var shape = ValueShapes.Classify(field);
        if (shape == ValueShape.LeadingZero && !_leadingZero)
        {
            _leadingZero = true;
            _leadingZeroExample = Encoding.UTF8.GetString(Utf8ValueParser.Trim(field));
        }
        if ((shape & (ValueShape.TsYmd | ValueShape.TsDmy | ValueShape.TsMdy | ValueShape.DateYmd | ValueShape.DateDmy | ValueShape.DateMdy)) != 0)
        {
            _timestampCount++;
            if ((shape & ValueShape.Offset) != 0)
                _offsetCount++;
        }
        if ((shape & (ValueShape.DecDot | ValueShape.DecDotGroupComma | ValueShape.IntGroupComma | ValueShape.Int)) != 0
            && Utf8ValueParser.TryMeasureFixed(field, NumberStyle.DotDecimalCommaGroups, out var i1, out var f1))
        {
            _maxIntegerDigitsDot = Math.Max(_maxIntegerDigitsDot, i1);
            _maxFractionDigitsDot = Math.Max(_maxFractionDigitsDot, f1);
        }
        if ((shape & (ValueShape.DecComma | ValueShape.DecCommaGroupDot | ValueShape.IntGroupDot | ValueShape.Int)) != 0
            && Utf8ValueParser.TryMeasureFixed(field, NumberStyle.CommaDecimalDotGroups, out var i2, out var f2))
        {
            _maxIntegerDigitsComma = Math.Max(_maxIntegerDigitsComma, i2);
            _maxFractionDigitsComma = Math.Max(_maxFractionDigitsComma, f2);
        }
        if (shape == ValueShape.Int && !_int64Overflow && field.Length > 18 && !Utf8ValueParser.TryParseInt64(field, 0, out _))
            _int64Overflow = true;
        if (_ambiguousExample is null
            && ((shape & (ValueShape.IntGroupComma | ValueShape.DecComma)) == (ValueShape.IntGroupComma | ValueShape.DecComma)
                || (shape & (ValueShape.IntGroupDot | ValueShape.DecDot)) == (ValueShape.IntGroupDot | ValueShape.DecDot)))
            _ambiguousExample = Encoding.UTF8.GetString(Utf8ValueParser.Trim(field));
        var compatible = ValueShapes.CompatibleCandidates(shape);
        var missed = _viable & ~compatible;
        _viable &= compatible;
        while (missed != 0)
        {
            var c = BitOperations.TrailingZeroCount(missed);
            missed &= missed - 1;
            _firstMiss[c] = Encoding.UTF8.GetString(field.Length > 60 ? field[..60] : field);
            _firstMissRow[c] = row;
        }
        while (compatible != 0)
        {
            var c = BitOperations.TrailingZeroCount(compatible);
            compatible &= compatible - 1;
            _matches[c]++;
        }
    }

    private bool Has(Candidate c) => (_viable & (1u << (int)c)) != 0;

    /// <summary>Decides the column's format.</summary>
    public InferredColumn Infer(InferenceContext? context = null)
    {
        context ??= new InferenceContext();
        var notes = new List<string>();
        if (ValueCount == 0)
        {
            notes.Add(NullCount == 0 ? "no values" : "every value is null");
            return new InferredColumn(ColumnFormat.String, 0, notes, ValueCount, NullCount);
        }
        var evidence = ValueCount / (ValueCount + 1.0);
        var format = Decide(context, notes, out var ambiguous);
        if (format is not null)
            return new InferredColumn(format, Math.Round(evidence * (ambiguous ? 0.5 : 1), 4), notes, ValueCount, NullCount);

        // String: say how close a narrower type came, so a user can spot a dirty value.
        var best = -1;
        for (var c = 0; c < (int)Candidate.Count; c++)
        {
            if (best < 0 || _matches[c] > _matches[best])
                best = c;
        }
        var share = _matches[best] / (double)ValueCount;
        if (_leadingZero)
            notes.Add($"kept as text: values with leading zeros such as '{_leadingZeroExample}' are codes, not numbers");
        else if (share >= 0.5 && _firstMiss[best] is { } miss)
            notes.Add($"{share:P1} of values are {Describe((Candidate)best)}; first exception at row {_firstMissRow[best]}: '{miss}'");
        return new InferredColumn(ColumnFormat.String, Math.Round(evidence * (1 - share), 4), notes, ValueCount, NullCount);
    }

    private ColumnFormat? Decide(InferenceContext context, List<string> notes, out bool ambiguous)
    {
        ambiguous = false;
        if (Has(Candidate.Bool))
            return ColumnFormat.For(DataType.Boolean);

        if (DecideNumber(context, notes, ref ambiguous) is { } number)
            return number;

        var timestamped = _timestampCount > 0 && (_viable & ((1u << (int)Candidate.TsYmd) | (1u << (int)Candidate.TsDmy) | (1u << (int)Candidate.TsMdy))) != 0;
        if (!timestamped)
            return null;
        var isDate = Has(Candidate.DateYmd) || Has(Candidate.DateDmy) || Has(Candidate.DateMdy);
        if (!isDate && _offsetCount != 0 && _offsetCount != _timestampCount)
        {
            notes.Add($"kept as text: {_offsetCount} of {_timestampCount} timestamps carry a UTC offset and the rest do not");
            return null;
        }
        var type = isDate ? DataType.Date : _offsetCount > 0 ? DataType.TimestampWithOffset : DataType.Timestamp;
        var (ymd, dmy, mdy) = isDate
            ? (Candidate.DateYmd, Candidate.DateDmy, Candidate.DateMdy)
            : (Candidate.TsYmd, Candidate.TsDmy, Candidate.TsMdy);
        if (Has(ymd))
            return new ColumnFormat(type, NumberStyle.Invariant, DateLayout.YearMonthDay);
        if (Has(dmy) && Has(mdy))
        {
            var layout = context.DateLayout ?? context.PreferredDateLayout ?? DateLayout.DayMonthYear;
            if (context.DateLayout is null)
            {
                ambiguous = context.PreferredDateLayout is null;
                notes.Add(context.PreferredDateLayout is null
                    ? $"ambiguous dates: every value has day and month ≤ 12; assumed {ColumnFormat.DescribeLayout(layout)} (use --date-order to choose)"
                    : $"dates could be day or month first; {ColumnFormat.DescribeLayout(layout)} as other columns prove");
            }
            return new ColumnFormat(type, NumberStyle.Invariant, layout);
        }
        if (context.DateLayout is { } forced && forced != (Has(dmy) ? DateLayout.DayMonthYear : DateLayout.MonthDayYear))
        {
            notes.Add($"kept as text: dates are not {ColumnFormat.DescribeLayout(forced)} as requested");
            return null;
        }
        return new ColumnFormat(type, NumberStyle.Invariant, Has(dmy) ? DateLayout.DayMonthYear : DateLayout.MonthDayYear);
    }

    private ColumnFormat? DecideNumber(InferenceContext context, List<string> notes, ref bool ambiguous)
    {
        if (_leadingZero)
            return null;
        var forcedDecimal = context.DecimalSeparator;
        var dotAllowed = forcedDecimal is null or (byte)'.';
        var commaAllowed = forcedDecimal is null or (byte)',';
        if (Has(Candidate.Int))
        {
            if (!_int64Overflow)
                return ColumnFormat.For(DataType.Int64);
            return _maxIntegerDigitsDot <= DataType.MaxDecimalPrecision
                ? ColumnFormat.For(DataType.Decimal(DataType.MaxDecimalPrecision, 0))
                : null;
        }
        var dot = dotAllowed && (Has(Candidate.IntGroupComma) || Has(Candidate.DecDot) || Has(Candidate.DecDotGroupComma) || Has(Candidate.DblDot));
        var comma = commaAllowed && (Has(Candidate.IntGroupDot) || Has(Candidate.DecComma) || Has(Candidate.DecCommaGroupDot) || Has(Candidate.DblComma));
        if (!dot && !comma)
            return null;
        bool useComma;
        if (dot && comma)
        {
            useComma = context.PreferDecimalComma;
            ambiguous = context.PreferenceReason is null;
            notes.Add($"ambiguous numbers such as '{FirstAmbiguousExample()}': read with {(useComma ? "',' as decimal separator" : "',' as thousands separator")}"
                + (context.PreferenceReason is { } why ? $" (from {why})" : " (use --decimal to choose)"));
        }
        else
        {
            useComma = comma;
        }
        return useComma
            ? PickNumber(Candidate.IntGroupDot, Candidate.DecComma, Candidate.DecCommaGroupDot, Candidate.DblComma, (byte)',', (byte)'.', _maxIntegerDigitsComma, _maxFractionDigitsComma, context)
            : PickNumber(Candidate.IntGroupComma, Candidate.DecDot, Candidate.DecDotGroupComma, Candidate.DblDot, (byte)'.', (byte)',', _maxIntegerDigitsDot, _maxFractionDigitsDot, context);
    }

    private ColumnFormat? PickNumber(Candidate intGrouped, Candidate dec, Candidate decGrouped, Candidate dbl, byte decimalSeparator, byte groupSeparator,
        int integerDigits, int fractionDigits, InferenceContext context)
    {
        var noGroups = context.GroupSeparator is 0;
        if (Has(intGrouped) && !noGroups && integerDigits <= 18)
            return new ColumnFormat(DataType.Int64, new NumberStyle(decimalSeparator, groupSeparator));
        if (integerDigits + fractionDigits <= DataType.MaxDecimalPrecision)
        {
            var scale = fractionDigits;
            var precision = Math.Min(DataType.MaxDecimalPrecision, Math.Max(18, integerDigits + scale));
            if (Has(dec))
                return new ColumnFormat(DataType.Decimal(precision, scale), new NumberStyle(decimalSeparator, 0));
            if (Has(decGrouped) && !noGroups)
                return new ColumnFormat(DataType.Decimal(precision, scale), new NumberStyle(decimalSeparator, groupSeparator));
        }
        if (Has(dbl))
            return new ColumnFormat(DataType.Double, new NumberStyle(decimalSeparator, 0));
        return null;
    }

    private string FirstAmbiguousExample() => _ambiguousExample ?? "1,234";

    private static string Describe(Candidate c) => c switch
    {
        Candidate.Bool => "booleans",
        Candidate.Int => "integers",
        Candidate.IntGroupComma or Candidate.IntGroupDot => "integers with thousands separators",
        Candidate.DecDot or Candidate.DecDotGroupComma or Candidate.DecComma or Candidate.DecCommaGroupDot => "decimals",
        Candidate.DblDot or Candidate.DblComma => "numbers",
        Candidate.DateYmd or Candidate.DateDmy or Candidate.DateMdy => "dates",
        _ => "timestamps",
    };
}
