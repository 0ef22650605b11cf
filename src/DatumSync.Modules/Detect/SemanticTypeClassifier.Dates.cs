namespace DatumSync.Modules.Detect;

public static partial class SemanticTypeClassifier
{
    /// <summary>The date shapes the classifier knows.</summary>
    internal enum DateShape
    {
        None,
        /// <summary><c>2024-03-15</c></summary>
        IsoDate,
        /// <summary><c>2024-03-15T10:30:00Z</c>, <c>2024-03-15 10:30</c></summary>
        IsoTimestamp,
        /// <summary><c>2024/03/15</c></summary>
        YearFirstSlash,
        /// <summary><c>15/03/2024</c>, <c>03/15/2024</c>, <c>15.03.24</c>: day and month order open.</summary>
        Numeric,
        /// <summary><c>15 Mar 2024</c>, <c>March 15, 2024</c>, <c>15-Mar-2024</c></summary>
        MonthName,
        /// <summary><c>20240315</c> (only with a date header)</summary>
        Compact,
    }

    /// <summary>What one value looks like as a date.</summary>
    internal readonly record struct DateValue(DateShape Shape, int First, int Second, char Separator, bool HasTime);

    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Parses the date part of <paramref name="v"/> into its shape (and the two leading numbers of a numeric date).</summary>
    internal static DateValue ParseDate(ReadOnlySpan<char> v, bool hinted)
    {
        if (v.Length < 6 || v.Length > 40)
            return default;
        // ISO: yyyy-MM-dd[(T| )HH:mm[:ss[.fff]][Z|±hh[:mm]]]
        if (v.Length >= 10 && Digits(v, 0, 4, out var y) && v[4] is '-' or '/' && Digits(v, 5, 2, out var m) && v[7] == v[4] && Digits(v, 8, 2, out var d))
        {
            if (!ValidDate(y, m, d))
                return default;
            if (v.Length == 10)
                return new DateValue(v[4] == '-' ? DateShape.IsoDate : DateShape.YearFirstSlash, 0, 0, v[4], false);
            return v[10] is 'T' or ' ' && IsTime(v[11..]) ? new DateValue(v[4] == '-' ? DateShape.IsoTimestamp : DateShape.YearFirstSlash, 0, 0, v[4], true) : default;
        }
        if (v.Length == 8 && SemanticValidators.AllDigits(v))
            return hinted && Digits(v, 0, 4, out y) && Digits(v, 4, 2, out m) && Digits(v, 6, 2, out d) && y is >= 1900 and <= 2100 && ValidDate(y, m, d)
                ? new DateValue(DateShape.Compact, 0, 0, '\0', false) : default;
        // Numeric a/b/yyyy, a.b.yy, a-b-yyyy with an optional time.
        var i = 0;
        if (ReadInt(v, ref i, 2, out var a) && i < v.Length && v[i] is '/' or '.' or '-')
        {
            var sep = v[i++];
            if (ReadInt(v, ref i, 2, out var b) && i < v.Length && v[i] == sep)
            {
                i++;
                var start = i;
                if (!ReadInt(v, ref i, 4, out y) || i - start is not (2 or 4))
                    return default;
                var rest = v[i..];
                var time = false;
                if (!rest.IsEmpty)
                {
                    if (rest[0] != ' ' || !IsTime(rest[1..]))
                        return default;
                    time = true;
                }
                if (a is < 1 or > 31 || b is < 1 or > 31 || a > 12 && b > 12)
                    return default;
                return new DateValue(DateShape.Numeric, a, b, sep, time);
            }
            if (i < v.Length && char.IsAsciiLetter(v[i]) && MonthIndex(v, ref i) > 0 && i < v.Length && v[i] == sep)
            {
                i++;
                var start = i;
                return ReadInt(v, ref i, 4, out y) && i == v.Length && i - start is 2 or 4 && a is >= 1 and <= 31
                    ? new DateValue(DateShape.MonthName, 0, 0, sep, false) : default;
            }
            return default;
        }
        // "15 March 2024" / "March 15, 2024"
        i = 0;
        if (ReadInt(v, ref i, 2, out a) && i < v.Length && v[i] == ' ')
        {
            i++;
            if (MonthIndex(v, ref i) > 0 && i < v.Length && v[i] == ' ')
            {
                i++;
                var start = i;
                return ReadInt(v, ref i, 4, out _) && i == v.Length && i - start == 4 && a is >= 1 and <= 31
                    ? new DateValue(DateShape.MonthName, 0, 0, ' ', false) : default;
            }
            return default;
        }
        i = 0;
        if (MonthIndex(v, ref i) > 0 && i < v.Length && v[i] == ' ')
        {
            i++;
            if (ReadInt(v, ref i, 2, out a) && a is >= 1 and <= 31 && i + 1 < v.Length && v[i] == ',' && v[i + 1] == ' ')
            {
                i += 2;
                var start = i;
                return ReadInt(v, ref i, 4, out _) && i == v.Length && i - start == 4 ? new DateValue(DateShape.MonthName, 0, 0, ' ', false) : default;
            }
        }
        return default;
    }

    private static bool ValidDate(int y, int m, int d) => y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);

    private static bool Digits(ReadOnlySpan<char> v, int start, int count, out int value)
    {
        value = 0;
        if (start + count > v.Length)
            return false;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(v[i]))
                return false;
            value = value * 10 + (v[i] - '0');
        }
        return true;
    }

    private static bool ReadInt(ReadOnlySpan<char> v, ref int i, int maxDigits, out int value)
    {
        value = 0;
        var start = i;
        while (i < v.Length && char.IsAsciiDigit(v[i]) && i - start < maxDigits)
            value = value * 10 + (v[i++] - '0');
        return i > start && (i == v.Length || !char.IsAsciiDigit(v[i]));
    }

    // English month names, abbreviated (with an optional dot) or in full; 1-based, 0 when none.
    private static int MonthIndex(ReadOnlySpan<char> v, ref int i)
    {
        var start = i;
        while (i < v.Length && char.IsAsciiLetter(v[i]))
            i++;
        var word = v[start..i];
        if (word.Length < 3)
            return 0;
        for (var m = 0; m < 12; m++)
        {
            if (word[..3].Equals(MonthNames[m], StringComparison.OrdinalIgnoreCase)
                && (word.Length == 3 || word.Length == 4 && m == 8 /* Sept */ || IsFullMonth(word, m)))
            {
                if (i < v.Length && v[i] == '.')
                    i++;
                return m + 1;
            }
        }
        return 0;
    }

    private static readonly string[] FullMonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static bool IsFullMonth(ReadOnlySpan<char> word, int m) => word.Equals(FullMonthNames[m], StringComparison.OrdinalIgnoreCase);

    // HH:mm[:ss[.fraction]][ ]?[Z|±hh[:mm]|AM|PM]
    private static bool IsTime(ReadOnlySpan<char> t)
    {
        if (t.Length < 4)
            return false;
        var i = 0;
        if (!ReadInt(t, ref i, 2, out var h) || h > 23 || i >= t.Length || t[i] != ':')
            return false;
        i++;
        var start = i;
        if (!ReadInt(t, ref i, 2, out var min) || i - start != 2 || min > 59)
            return false;
        if (i < t.Length && t[i] == ':')
        {
            i++;
            start = i;
            if (!ReadInt(t, ref i, 2, out var s) || i - start != 2 || s > 60)
                return false;
            if (i < t.Length && t[i] is '.' or ',')
            {
                i++;
                start = i;
                while (i < t.Length && char.IsAsciiDigit(t[i]))
                    i++;
                if (i == start)
                    return false;
            }
        }
        var zone = t[i..].TrimStart(' ');
        if (zone.IsEmpty || zone is "Z" or "z" || zone.Equals("AM", StringComparison.OrdinalIgnoreCase) || zone.Equals("PM", StringComparison.OrdinalIgnoreCase) || zone.Equals("UTC", StringComparison.OrdinalIgnoreCase))
            return true;
        if (zone[0] is '+' or '-' && zone.Length is 3 or 5 or 6)
        {
            var z = zone[1..];
            return z.Length switch
            {
                2 => SemanticValidators.AllDigits(z),
                4 => SemanticValidators.AllDigits(z),
                _ => z[2] == ':' && SemanticValidators.AllDigits(z[..2]) && SemanticValidators.AllDigits(z[3..]),
            };
        }
        return false;
    }
}
