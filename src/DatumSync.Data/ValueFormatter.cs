using System.Buffers.Text;
using System.Globalization;

namespace DatumSync.Data;

/// <summary>
/// Canonical text for values: what every writer of text formats (CSV, JSON, XML) emits, so that a value read back
/// by our own readers or by DuckDB/pandas means the same thing.
/// </summary>
public static class ValueFormatter
{
    /// <summary>Day number (<see cref="DateOnly.DayNumber"/>) of 1970-01-01.</summary>
    public const int UnixEpochDayNumber = 719162;

    /// <summary>Days since the Unix epoch → <see cref="DateOnly"/>.</summary>
    public static DateOnly ToDateOnly(int days) => DateOnly.FromDayNumber(days + UnixEpochDayNumber);

    /// <summary><see cref="DateOnly"/> → days since the Unix epoch.</summary>
    public static int ToEpochDays(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    /// <summary>Microseconds since the Unix epoch → <see cref="DateTime"/> (Kind Unspecified).</summary>
    public static DateTime ToDateTime(long micros) => new(DateTime.UnixEpoch.Ticks + micros * 10, DateTimeKind.Unspecified);

    /// <summary><see cref="DateTime"/> → microseconds since the Unix epoch (sub-microsecond ticks truncated).</summary>
    public static long ToEpochMicros(DateTime value) => (value.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>Shortest round-trip text; <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> for the specials.</summary>
    public static bool TryFormatDouble(double value, Span<byte> destination, out int bytesWritten)
    {
        if (double.IsFinite(value))
            return value.TryFormat(destination, out bytesWritten, "R", CultureInfo.InvariantCulture);
        var text = double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8;
        bytesWritten = text.Length;
        return text.TryCopyTo(destination);
    }

    /// <summary><c>-123.4500</c>: all <paramref name="scale"/> digits kept, a leading zero before the point.</summary>
    public static bool TryFormatDecimal(Int128 unscaled, int scale, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        Span<byte> digits = stackalloc byte[40];
        var negative = Int128.IsNegative(unscaled);
        var magnitude = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        var n = 0;
        do
        {
            digits[n++] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);
        while (n <= scale)
            digits[n++] = (byte)'0';
        var length = (negative ? 1 : 0) + n + (scale > 0 ? 1 : 0);
        if (length > destination.Length)
            return false;
        var p = 0;
        if (negative)
            destination[p++] = (byte)'-';
        for (var i = n - 1; i >= 0; i--)
        {
            destination[p++] = digits[i];
            if (i == scale && scale > 0)
                destination[p++] = (byte)'.';
        }
        bytesWritten = p;
        return true;
    }

    /// <summary><c>yyyy-MM-dd</c> (ISO 8601).</summary>
    public static bool TryFormatDate(int days, Span<byte> destination, out int bytesWritten)
    {
        var d = ToDateOnly(days);
        return d.TryFormat(destination, out bytesWritten, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss[.ffffff]</c> with trailing fraction zeros dropped, and a <c>Z</c> for UTC instants.
    /// </summary>
    public static bool TryFormatTimestamp(long micros, bool utc, Span<byte> destination, out int bytesWritten)
    {
        var dt = ToDateTime(micros);
        bytesWritten = 0;
        if (!dt.TryFormat(destination, out var n, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))
            return false;
        var fraction = (int)(((micros % 1_000_000) + 1_000_000) % 1_000_000);
        if (fraction != 0)
        {
            var digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            if (n + 1 + digits > destination.Length)
                return false;
            destination[n++] = (byte)'.';
            if (!Utf8Formatter.TryFormat(fraction, destination[n..], out var w, new System.Buffers.StandardFormat('D', (byte)digits)))
                return false;
            n += w;
        }
        if (utc)
        {
            if (n >= destination.Length)
                return false;
            destination[n++] = (byte)'Z';
        }
        bytesWritten = n;
        return true;
    }

    /// <summary>Parses <c>[-]digits[.digits]</c> into an unscaled value at <paramref name="scale"/>; false when the
    /// text has more fraction digits than the scale (no rounding) or overflows 38 digits.</summary>
    public static bool TryParseDecimalInvariant(ReadOnlySpan<byte> text, int scale, out Int128 unscaled)
    {
        unscaled = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            negative = text[i++] == '-';
        var digits = 0;
        var fraction = -1;
        Int128 value = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }
            if ((uint)(c - '0') > 9)
                return false;
            if (fraction >= 0 && ++fraction > scale)
            {
                if (c != '0')
                    return false;
                continue;
            }
            if (value != 0 || c != '0')
                digits++;
            if (digits > DataType.MaxDecimalPrecision)
                return false;
            value = value * 10 + (c - '0');
        }
        if (digits == 0 && value == 0 && text.Length == (negative ? 1 : 0))
            return false;
        for (var f = Math.Max(fraction, 0); f < scale; f++)
            value *= 10;
        unscaled = negative ? -value : value;
        return true;
    }
}
