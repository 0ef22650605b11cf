using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace DatumSync.Data.Formats.Json;

/// <summary>What a JSON number needs to be held exactly.</summary>
internal enum NumberClass : byte
{
    /// <summary>An integer that fits <see cref="long"/>.</summary>
    Int64,
    /// <summary>An integer beyond <see cref="long"/> with at most 38 digits: exact as <c>decimal(38,0)</c>.</summary>
    BigInteger,
    /// <summary>A fraction or exponent, or an integer of more than 38 digits.</summary>
    Float,
}

/// <summary>Classifies and parses the scalar texts of JSON: numbers, ISO dates and timestamps.</summary>
internal static class JsonScalars
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;
    // 0001-01-01 and 9999-12-31T23:59:59.999999, as microseconds since the Unix epoch.
    private static readonly long MinMicros = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>Classifies a JSON number token (already validated by the reader: no leading zeros or '+').</summary>
    public static NumberClass Classify(ReadOnlySpan<byte> number)
    {
        if (number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
            return NumberClass.Float;
        var digits = number.Length - (number[0] == '-' ? 1 : 0);
        if (digits <= 18 || TryParseInt64(number, out _))
            return NumberClass.Int64;
        return digits <= DataType.MaxDecimalPrecision ? NumberClass.BigInteger : NumberClass.Float;
    }

    /// <summary>Parses a whole span as a <see cref="long"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value)
        => Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length && text.Length > 0;

    /// <summary>Parses a whole span as a <see cref="double"/> (invariant; also <c>NaN</c>, <c>Infinity</c>).</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
        => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Parses <c>[-]digits[.digits]</c> (no exponent) for a <c>decimal(precision, scale)</c> column; false when it
    /// needs more digits on either side of the point.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, int precision, int scale, out Int128 unscaled)
    {
        unscaled = 0;
        if (text.IndexOfAny((byte)'e', (byte)'E') >= 0
            || !ValueFormatter.TryParseDecimalInvariant(text, scale, out unscaled))
            return false;
        return Int128.Abs(unscaled) < Int128Pow10(precision);
    }

    /// <summary>The smallest decimal type that holds both the values of <paramref name="current"/> and
    /// <paramref name="number"/>, or null when none does (an exponent, or more than 38 digits).</summary>
    public static DataType? WidenDecimal(DataType current, ReadOnlySpan<byte> number)
    {
        if (number.IndexOfAny((byte)'e', (byte)'E') >= 0)
            return null;
        var body = number[0] is (byte)'-' or (byte)'+' ? number[1..] : number;
        var point = body.IndexOf((byte)'.');
        var integer = (point < 0 ? body : body[..point]).TrimStart((byte)'0');
        var fraction = point < 0 ? [] : body[(point + 1)..].TrimEnd((byte)'0');
        var scale = Math.Max(current.Scale, fraction.Length);
        var integerDigits = Math.Max(current.Precision - current.Scale, integer.Length);
        var precision = integerDigits + scale;
        return precision <= DataType.MaxDecimalPrecision ? DataType.Decimal(Math.Max(precision, 1), scale) : null;
    }

    private static Int128 Int128Pow10(int n)
    {
        Int128 p = 1;
        for (var i = 0; i < n; i++)
            p *= 10;
        return p;
    }

    /// <summary>Parses an ISO date <c>yyyy-MM-dd</c> into days since the Unix epoch.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, out int days)
    {
        days = 0;
        if (s.Length != 10 || !TryParseDateParts(s, out var dayNumber))
            return false;
        days = dayNumber - ValueFormatter.UnixEpochDayNumber;
        return true;
    }

    /// <summary>
    /// Parses an ISO timestamp <c>yyyy-MM-ddTHH:mm:ss[.fraction][Z|±hh:mm|±hhmm|±hh]</c> (a space may stand for the
    /// <c>T</c>) into microseconds since the Unix epoch, normalised to UTC when it carries an offset. Digits beyond
    /// microseconds are truncated.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> s, out long micros, out bool hasOffset)
    {
        micros = 0;
        hasOffset = false;
        if (s.Length < 19 || !TryParseDateParts(s, out var dayNumber) || (s[10] != 'T' && s[10] != ' ')
            || s[13] != ':' || s[16] != ':'
            || !TryTwoDigits(s, 11, out var hour) || hour > 23
            || !TryTwoDigits(s, 14, out var minute) || minute > 59
            || !TryTwoDigits(s, 17, out var second) || second > 59)
            return false;
        var i = 19;
        long fraction = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            var scale = 100_000L;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                fraction += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start)
                return false;
        }
        long offsetMinutes = 0;
        if (i < s.Length)
        {
            var c = s[i];
            if (c is (byte)'Z' or (byte)'z')
            {
                i++;
            }
            else if (c is (byte)'+' or (byte)'-')
            {
                if (!TryTwoDigits(s, i + 1, out var oh) || oh > 18)
                    return false;
                var om = 0;
                i += 3;
                if (i < s.Length)
                {
                    if (s[i] == ':')
                        i++;
                    if (!TryTwoDigits(s, i, out om) || om > 59)
                        return false;
                    i += 2;
                }
                offsetMinutes = (oh * 60 + om) * (c == '-' ? -1 : 1);
            }
            else
            {
                return false;
            }
            if (i != s.Length)
                return false;
            hasOffset = true;
        }
        var days = (long)(dayNumber - ValueFormatter.UnixEpochDayNumber);
        micros = days * MicrosPerDay + ((hour * 60L + minute) * 60 + second) * MicrosPerSecond + fraction
            - offsetMinutes * 60 * MicrosPerSecond;
        return micros >= MinMicros && micros <= MaxMicros;
    }

    private static bool TryParseDateParts(ReadOnlySpan<byte> s, out int dayNumber)
    {
        dayNumber = 0;
        if (s[4] != '-' || s[7] != '-'
            || !TryTwoDigits(s, 0, out var century) || !TryTwoDigits(s, 2, out var yy)
            || !TryTwoDigits(s, 5, out var month) || !TryTwoDigits(s, 8, out var day))
            return false;
        var year = century * 100 + yy;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        dayNumber = new DateOnly(year, month, day).DayNumber;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryTwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 1 >= s.Length)
            return false;
        var a = (uint)(s[at] - '0');
        var b = (uint)(s[at + 1] - '0');
        if (a > 9 || b > 9)
            return false;
        value = (int)(a * 10 + b);
        return true;
    }
}
