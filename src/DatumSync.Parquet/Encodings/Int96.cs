using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// A Parquet INT96 value as 12 bytes in file order: the nanoseconds of the day (8 bytes, little-endian) then the
/// Julian day number (4 bytes, little-endian). The deprecated timestamp type of Impala, Hive and older Spark.
/// </summary>
/// <remarks>
/// The layout is exactly the PLAIN bytes (packed to 4-byte alignment, 12 bytes), so PLAIN data can be viewed as
/// <see cref="Int96"/> values with <see cref="MemoryMarshal.Cast{TFrom,TTo}(ReadOnlySpan{TFrom})"/>.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct Int96(long NanosOfDay, int JulianDay)
{
    /// <summary>The Julian day number of 1970-01-01.</summary>
    public const int UnixEpochJulianDay = 2_440_588;

    private const long MicrosPerDay = 86_400_000_000;

    /// <summary>
    /// Microseconds since 1970-01-01T00:00:00; nanoseconds below a microsecond are dropped (rounded toward negative
    /// infinity).
    /// </summary>
    /// <exception cref="OverflowException">The day is more than about 290,000 years from 1970.</exception>
    public long ToUnixMicroseconds()
    {
        var micros = Math.DivRem(NanosOfDay, 1000, out var rem) - (rem < 0 ? 1 : 0);
        return checked((JulianDay - (long)UnixEpochJulianDay) * MicrosPerDay + micros);
    }

    /// <summary>The INT96 of a timestamp in microseconds since 1970-01-01T00:00:00.</summary>
    public static Int96 FromUnixMicroseconds(long micros)
    {
        var day = Math.DivRem(micros, MicrosPerDay, out var micro);
        if (micro < 0)
        {
            day--;
            micro += MicrosPerDay;
        }
        return new Int96(micro * 1000, (int)(day + UnixEpochJulianDay));
    }
}
