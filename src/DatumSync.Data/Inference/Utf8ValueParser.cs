using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DatumSync.Data.Inference;

/// <summary>
/// Parses field text (UTF-8) into typed values without allocating. Every method trims ASCII spaces and tabs around
/// the value and returns false rather than throwing.
/// </summary>
public static class Utf8ValueParser
{
    /// <summary>Trims ASCII spaces and tabs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        // Nearly every value has no padding: two compares instead of two loops.
        if (s.IsEmpty || (s[0] > ' ' && s[^1] > ' '))
            return s;
        return TrimSlow(s);
    }

    private static ReadOnlySpan<byte> TrimSlow(ReadOnlySpan<byte> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && (s[start] == ' ' || s[start] == '\t'))
            start++;
        while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        return s[start..end];
    }

    /// <summary><c>true/false</c>, <c>t/f</c>, <c>yes/no</c>, <c>y/n</c>, any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> s, out bool value)
    {
        s = Trim(s);
        value = false;
        switch (s.Length)
        {
            case 1:
                var c = s[0] | 0x20;
                if (c is 't' or 'y')
                {
                    value = true;
                    return true;
                }
                return c is 'f' or 'n';
            case 2:
                return (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'o';
            case 3:
                value = (s[0] | 0x20) == 'y' && (s[1] | 0x20) == 'e' && (s[2] | 0x20) == 's';
                return value;
            case 4:
                value = (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'r' && (s[2] | 0x20) == 'u' && (s[3] | 0x20) == 'e';
                return value;
            case 5:
                return (s[0] | 0x20) == 'f' && (s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'l' && (s[3] | 0x20) == 's' && (s[4] | 0x20) == 'e';
            default:
                return false;
        }
    }

    /// <summary>An integer, optionally signed, with thousands groups when <paramref name="groupSeparator"/> is set.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, byte groupSeparator, out long value)
    {
        // Fast path: [-]digits, at most 18 of them (cannot overflow), no padding or separators.
        var i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        if (s.Length > i && s.Length - i <= 18)
        {
            ulong acc = 0;
            var j = i;
            for (; j < s.Length; j++)
            {
                var d = (uint)(s[j] - '0');
                if (d > 9)
                    break;
                acc = acc * 10 + d;
            }
            if (j == s.Length)
            {
                value = i == 1 ? -(long)acc : (long)acc;
                return true;
            }
        }
        return TryParseInt64Slow(s, groupSeparator, out value);
    }

    private static bool TryParseInt64Slow(ReadOnlySpan<byte> s, byte groupSeparator, out long value)
    {
        value = 0;
        s = Trim(s);
        if (s.IsEmpty)
            return false;
        var i = 0;
        var negative = false;
        if (s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == '-';
            i = 1;
        }
        ulong acc = 0;
        var digits = 0;
        var groupLength = 0;
        var grouped = false;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                if (acc > (ulong.MaxValue - d) / 10)
                    return false;
                acc = acc * 10 + d;
                digits++;
                groupLength++;
            }
            else if (s[i] == groupSeparator && groupSeparator != 0)
            {
                if (grouped ? groupLength != 3 : groupLength is < 1 or > 3)
                    return false;
                grouped = true;
                groupLength = 0;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0 || (grouped && groupLength != 3))
            return false;
        if (negative)
        {
            if (acc > (ulong)long.MaxValue + 1)
                return false;
            value = (long)(0 - acc);
        }
        else
        {
            if (acc > long.MaxValue)
                return false;
            value = (long)acc;
        }
        return true;
    }

    /// <summary>
    /// A fixed-point number as an unscaled integer at <paramref name="scale"/>. Fails (never rounds) when the text has
    /// more non-zero fraction digits than the scale or the result needs more than <paramref name="precision"/> digits.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, NumberStyle style, int precision, int scale, out Int128 unscaled)
    {
        // Fast path: [-]digits[sep digits] with at most 18 digits in all, accumulated in a ulong (Int128 arithmetic
        // per digit costs several times more); anything else (padding, groups, long values) takes the general path.
        var negative = s.Length > 0 && s[0] == '-';
        var i = negative ? 1 : 0;
        var integerStart = i;
        ulong acc = 0;
        uint d;
        while (i < s.Length && (d = (uint)(s[i] - '0')) <= 9)
        {
            acc = acc * 10 + d;
            i++;
        }
        var integerDigits = i - integerStart;
        var fractionDigits = 0;
        if (i < s.Length && s[i] == style.DecimalSeparator)
        {
            var fractionStart = ++i;
            while (i < s.Length && (d = (uint)(s[i] - '0')) <= 9)
            {
                acc = acc * 10 + d;
                i++;
            }
            fractionDigits = i - fractionStart;
        }
        if (i == s.Length && integerDigits + fractionDigits is > 0 and <= 18 && fractionDigits <= scale && integerDigits <= precision - scale)
        {
            var shift = scale - fractionDigits;
            Int128 value = integerDigits + fractionDigits + shift <= 19 ? (Int128)(acc * Pow10[shift]) : (Int128)acc * Pow10Wide(shift);
            unscaled = negative ? -value : value;
            return true;
        }
        return TryParseDecimalSlow(s, style, precision, scale, out unscaled);
    }

    private static readonly ulong[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000];

    private static Int128 Pow10Wide(int n)
    {
        Int128 p = 1;
        for (var k = 0; k < n; k++)
            p *= 10;
        return p;
    }

    private static bool TryParseDecimalSlow(ReadOnlySpan<byte> s, NumberStyle style, int precision, int scale, out Int128 unscaled)
    {
        unscaled = 0;
        if (!TryScanFixed(Trim(s), style, out var negative, out var integerDigits, out var fractionDigits, out var value, scale))
            return false;
        if (integerDigits > precision - scale || fractionDigits > scale)
            return false;
        unscaled = negative ? -value : value;
        return true;
    }

    /// <summary>
    /// Describes a fixed-point number: significant integer digits and fraction digits as written (<c>10.50</c> has
    /// two: inference keeps the scale the data shows). False when the text is not a plain fixed-point number in
    /// <paramref name="style"/>.
    /// </summary>
    public static bool TryMeasureFixed(ReadOnlySpan<byte> s, NumberStyle style, out int integerDigits, out int fractionDigits)
    {
        s = Trim(s);
        if (!TryScanFixed(s, style, out _, out integerDigits, out fractionDigits, out _, DataType.MaxDecimalPrecision))
            return false;
        var point = s.LastIndexOf(style.DecimalSeparator);
        if (point >= 0)
            fractionDigits = s.Length - point - 1;
        return integerDigits + fractionDigits <= DataType.MaxDecimalPrecision || fractionDigits == 0;
    }

    private static bool TryScanFixed(ReadOnlySpan<byte> s, NumberStyle style, out bool negative, out int integerDigits, out int fractionDigits, out Int128 value, int scale)
    {
        negative = false;
        integerDigits = 0;
        fractionDigits = 0;
        value = 0;
        if (s.IsEmpty)
            return false;
        var i = 0;
        if (s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == '-';
            i = 1;
        }
        var anyDigit = false;
        var groupLength = 0;
        var grouped = false;
        var significant = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                anyDigit = true;
                groupLength++;
                if (d != 0 || significant)
                {
                    significant = true;
                    if (++integerDigits > DataType.MaxDecimalPrecision)
                        return false;
                }
                value = value * 10 + (int)d;
            }
            else if (c == style.GroupSeparator && style.GroupSeparator != 0)
            {
                if (grouped ? groupLength != 3 : groupLength is < 1 or > 3)
                    return false;
                grouped = true;
                groupLength = 0;
            }
            else if (c == style.DecimalSeparator)
            {
                break;
            }
            else
            {
                return false;
            }
        }
        if (grouped && groupLength != 3)
            return false;
        var pendingZeros = 0;
        if (i < s.Length)
        {
            i++; // decimal separator
            var start = i;
            for (; i < s.Length; i++)
            {
                var d = (uint)(s[i] - '0');
                if (d > 9)
                    return false;
                if (d == 0)
                {
                    pendingZeros++;
                    continue;
                }
                // Only non-zero digits extend the scale: "1.50" at scale 1 is exact.
                fractionDigits += pendingZeros + 1;
                if (integerDigits + fractionDigits > DataType.MaxDecimalPrecision)
                    return false;
                for (var z = 0; z < pendingZeros; z++)
                    value *= 10;
                value = value * 10 + (int)d;
                pendingZeros = 0;
            }
            anyDigit |= i > start;
        }
        if (!anyDigit)
            return false;
        if (fractionDigits > scale)
            return true; // the caller sees fractionDigits > scale
        for (var f = fractionDigits; f < scale; f++)
            value *= 10;
        return true;
    }

    /// <summary>A floating-point number (fixed or exponent notation, <c>inf</c>, <c>Infinity</c>) in <paramref name="style"/>.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, NumberStyle style, out double value)
    {
        s = Trim(s);
        value = 0;
        if (s.IsEmpty)
            return false;
        if (style == NumberStyle.Invariant || (style.DecimalSeparator == '.' && s.IndexOf(style.GroupSeparator) < 0))
            return TryParseInvariantDouble(s, out value);
        if (s.Length > 128)
            return false;
        // Normalise to invariant: validate groups, drop them, make the decimal separator a '.'.
        Span<byte> buffer = stackalloc byte[s.Length];
        var n = 0;
        var groupLength = 0;
        var grouped = false;
        var inInteger = true;
        foreach (var c in s)
        {
            if (inInteger && c == style.GroupSeparator && style.GroupSeparator != 0)
            {
                if (grouped ? groupLength != 3 : groupLength is < 1 or > 3)
                    return false;
                grouped = true;
                groupLength = 0;
                continue;
            }
            if (c == style.DecimalSeparator || c is (byte)'e' or (byte)'E')
            {
                if (grouped && groupLength != 3)
                    return false;
                inInteger = false;
                buffer[n++] = c == style.DecimalSeparator ? (byte)'.' : c;
                continue;
            }
            if (c == '.' && style.DecimalSeparator != '.')
                return false;
            groupLength += (uint)(c - '0') <= 9 ? 1 : 0;
            buffer[n++] = c;
        }
        if (inInteger && grouped && groupLength != 3)
            return false;
        return TryParseInvariantDouble(buffer[..n], out value);
    }

    private static bool TryParseInvariantDouble(ReadOnlySpan<byte> s, out double value)
    {
        // Reject what double.TryParse would take but a data file does not mean as a number: "NaN", hex, currency.
        var c = s[0];
        if ((uint)(c - '0') > 9 && c is not ((byte)'-' or (byte)'+' or (byte)'.' or (byte)'i' or (byte)'I'))
        {
            value = 0;
            return false;
        }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return !double.IsNaN(value);
        var body = s[0] is (byte)'-' or (byte)'+' ? s[1..] : s;
        if (body.Length is 3 or 8 && (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8)))
        {
            value = s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>A calendar date in <paramref name="layout"/>; separators <c>-</c>, <c>/</c> or <c>.</c> (the same twice).</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, DateLayout layout, out int epochDays)
    {
        if (s.Length == 10 && layout == DateLayout.YearMonthDay && TryIsoDate(s, out epochDays))
            return true;
        s = Trim(s);
        epochDays = 0;
        return TryParseDatePart(s, layout, out var consumed, out epochDays) && consumed == s.Length;
    }

    /// <summary>
    /// A timestamp: a date in <paramref name="layout"/>, then <c>T</c> or a space, <c>H:mm[:ss[.fraction]]</c>, an
    /// optional <c>AM</c>/<c>PM</c>, and an optional offset (<c>Z</c>, <c>±hh</c>, <c>±hhmm</c>, <c>±hh:mm</c>).
    /// A bare date is midnight. With an offset the result is normalised to UTC.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> s, DateLayout layout, out long epochMicros, out bool hasOffset)
    {
        // Fast path: exactly yyyy-MM-ddTHH:mm:ss (or a space for the T), the form most exports use.
        if (s.Length == 19 && layout == DateLayout.YearMonthDay && s[10] is (byte)'T' or (byte)' '
            && TryIsoDate(s, out var d) && TryIsoTime(s[11..], out var t))
        {
            epochMicros = d * 86_400_000_000L + t;
            hasOffset = false;
            return true;
        }
        s = Trim(s);
        epochMicros = 0;
        hasOffset = false;
        if (!TryParseDatePart(s, layout, out var i, out var days))
            return false;
        long micros = 0;
        if (i < s.Length)
        {
            if (s[i] is not ((byte)'T' or (byte)' ') || !TryParseTime(s, ref i, out micros))
                return false;
            if (i < s.Length && !TryParseOffset(s, ref i, ref micros, out hasOffset))
                return false;
            if (i != s.Length)
                return false;
        }
        epochMicros = days * 86_400_000_000L + micros;
        return true;
    }

    /// <summary>Whether the text has a time part (so it is a timestamp rather than a date).</summary>
    internal static bool HasTimePart(ReadOnlySpan<byte> s) => Trim(s).IndexOf((byte)':') >= 0;

    /// <summary><c>yyyy-MM-dd</c> at the start of <paramref name="s"/> (at least 10 bytes): straight-line code, no loops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryIsoDate(ReadOnlySpan<byte> s, out int epochDays)
    {
        epochDays = 0;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-')
            return false;
        uint y0 = (uint)(s[0] - '0'), y1 = (uint)(s[1] - '0'), y2 = (uint)(s[2] - '0'), y3 = (uint)(s[3] - '0');
        uint m0 = (uint)(s[5] - '0'), m1 = (uint)(s[6] - '0'), d0 = (uint)(s[8] - '0'), d1 = (uint)(s[9] - '0');
        if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9)
            return false;
        return TryMakeDate((int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3), (int)(m0 * 10 + m1), (int)(d0 * 10 + d1), out epochDays);
    }

    /// <summary><c>HH:mm:ss</c> (exactly 8 bytes) as microseconds into the day.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryIsoTime(ReadOnlySpan<byte> s, out long micros)
    {
        micros = 0;
        if (s.Length != 8 || s[2] != ':' || s[5] != ':')
            return false;
        uint h0 = (uint)(s[0] - '0'), h1 = (uint)(s[1] - '0'), n0 = (uint)(s[3] - '0'), n1 = (uint)(s[4] - '0');
        uint s0 = (uint)(s[6] - '0'), s1 = (uint)(s[7] - '0');
        if (h0 > 9 || h1 > 9 || n0 > 9 || n1 > 9 || s0 > 9 || s1 > 9)
            return false;
        var h = h0 * 10 + h1;
        var m = n0 * 10 + n1;
        var sec = s0 * 10 + s1;
        if (h > 23 || m > 59 || sec > 59)
            return false;
        micros = ((h * 60L + m) * 60 + sec) * 1_000_000;
        return true;
    }

    private static bool TryParseDatePart(ReadOnlySpan<byte> s, DateLayout layout, out int consumed, out int epochDays)
    {
        consumed = 0;
        epochDays = 0;
        // Fast path for ISO yyyy-MM-dd, by far the most common.
        if (layout == DateLayout.YearMonthDay && s.Length >= 10 && s[4] == '-' && s[7] == '-'
            && (s.Length == 10 || s[10] is (byte)'T' or (byte)' '))
        {
            consumed = 10;
            return TryIsoDate(s, out epochDays);
        }
        if (!TryNumber(s, 0, out var a, out var aLen) || aLen == s.Length)
            return false;
        var sep = s[aLen];
        if (sep is not ((byte)'-' or (byte)'/' or (byte)'.'))
            return false;
        if (!TryNumber(s, aLen + 1, out var b, out var bEnd) || bEnd >= s.Length || s[bEnd] != sep)
            return false;
        if (!TryNumber(s, bEnd + 1, out var c, out var cEnd))
            return false;
        var aDigits = aLen;
        var bDigits = bEnd - aLen - 1;
        var cDigits = cEnd - bEnd - 1;
        consumed = cEnd;
        return layout switch
        {
            DateLayout.YearMonthDay => aDigits == 4 && bDigits <= 2 && cDigits <= 2 && TryMakeDate(a, b, c, out epochDays),
            DateLayout.DayMonthYear => aDigits <= 2 && bDigits <= 2 && cDigits == 4 && TryMakeDate(c, b, a, out epochDays),
            DateLayout.MonthDayYear => aDigits <= 2 && bDigits <= 2 && cDigits == 4 && TryMakeDate(c, a, b, out epochDays),
            _ => false,
        };
    }

    private static bool TryParseTime(ReadOnlySpan<byte> s, ref int i, out long micros)
    {
        micros = 0;
        // Fast path: HH:mm:ss at fixed positions, then nothing, a fraction or an offset.
        if (s.Length >= i + 9 && s[i + 3] == ':' && s[i + 6] == ':'
            && TryDigits(s.Slice(i + 1, 2), out var h) && TryDigits(s.Slice(i + 4, 2), out var m) && TryDigits(s.Slice(i + 7, 2), out var sec)
            && h <= 23 && m <= 59 && sec <= 59
            && (s.Length == i + 9 || s[i + 9] is (byte)'Z' or (byte)'+' or (byte)'-'))
        {
            micros = ((h * 60L + m) * 60 + sec) * 1_000_000;
            i += 9;
            return true;
        }
        i++; // 'T' or ' '
        if (!TryNumber(s, i, out var hour, out var end) || end - i is < 1 or > 2 || end >= s.Length || s[end] != ':')
            return false;
        i = end + 1;
        if (!TryNumber(s, i, out var minute, out end) || end - i != 2)
            return false;
        i = end;
        var second = 0;
        long fraction = 0;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            if (!TryNumber(s, i, out second, out end) || end - i != 2)
                return false;
            i = end;
            if (i < s.Length && s[i] is (byte)'.' or (byte)',')
            {
                i++;
                var digits = 0;
                while (i < s.Length && (uint)(s[i] - '0') <= 9)
                {
                    // Keep microseconds; finer digits (nanoseconds) must be zero or we would lose them.
                    if (digits < 6)
                        fraction = fraction * 10 + (s[i] - '0');
                    else if (s[i] != '0')
                        return false;
                    digits++;
                    i++;
                }
                if (digits == 0)
                    return false;
                for (var k = Math.Min(digits, 6); k < 6; k++)
                    fraction *= 10;
            }
        }
        // Optional 12-hour clock suffix.
        var j = i < s.Length && s[i] == ' ' ? i + 1 : i;
        if (j + 1 < s.Length && (s[j] | 0x20) is 'a' or 'p' && (s[j + 1] | 0x20) == 'm')
        {
            if (hour is < 1 or > 12)
                return false;
            var pm = (s[j] | 0x20) == 'p';
            hour = hour % 12 + (pm ? 12 : 0);
            i = j + 2;
        }
        if (hour > 23 || minute > 59 || second > 59)
            return false;
        micros = ((hour * 60L + minute) * 60 + second) * 1_000_000 + fraction;
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> s, ref int i, ref long micros, out bool hasOffset)
    {
        hasOffset = false;
        if (s[i] == ' ')
            i++;
        if (i >= s.Length)
            return false;
        if (s[i] is (byte)'Z' or (byte)'z')
        {
            i++;
            hasOffset = true;
            return true;
        }
        if (s[i] is not ((byte)'+' or (byte)'-'))
            return false;
        var sign = s[i] == '-' ? -1 : 1;
        i++;
        if (!TryNumber(s, i, out var hh, out var end))
            return false;
        int minutes;
        if (end - i == 4)
        {
            minutes = hh / 100 * 60 + hh % 100;
            i = end;
        }
        else if (end - i == 2)
        {
            minutes = hh * 60;
            i = end;
            if (i < s.Length && s[i] == ':')
            {
                if (!TryNumber(s, i + 1, out var mm, out end) || end - i - 1 != 2)
                    return false;
                minutes += mm;
                i = end;
            }
        }
        else
        {
            return false;
        }
        if (minutes > 18 * 60)
            return false;
        micros -= sign * minutes * 60_000_000L;
        hasOffset = true;
        return true;
    }

    private static ReadOnlySpan<byte> DaysInMonth => [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private static bool TryMakeDate(int year, int month, int day, out int epochDays)
    {
        epochDays = 0;
        if ((uint)(year - 1) > 9998 || (uint)(month - 1) > 11 || day < 1)
            return false;
        var leapDay = month == 2 && (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 1 : 0;
        if (day > DaysInMonth[month] + leapDay)
            return false;
        // Days from the civil calendar (proleptic Gregorian), shifted so March starts the year and the leap day is
        // last: pure integer arithmetic, no DateTime.
        var y = month <= 2 ? year - 1 : year;
        var era = y / 400;
        var yearOfEra = y - era * 400;
        var dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        epochDays = era * 146097 + dayOfEra - 719468;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var d = (uint)(c - '0');
            if (d > 9)
                return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<byte> s, int start, out int value, out int end)
    {
        value = 0;
        end = start;
        while (end < s.Length && end - start < 9 && (uint)(s[end] - '0') <= 9)
            value = value * 10 + (s[end++] - '0');
        return end > start;
    }
}
