using System.Buffers.Binary;
using System.Text;
using DatumSync.Data;

namespace DatumSync.Parquet.Mapping;

/// <summary>
/// Conversions of single physical values (as statistics store them: PLAIN bytes, byte arrays without a length) to
/// core values, shared by statistics, row-group skipping and <c>inspect</c>.
/// </summary>
internal static class PhysicalValues
{
    /// <summary>Microseconds between the Julian day 0 epoch of INT96 and the Unix epoch: 2440588 days.</summary>
    public const long JulianDayOfUnixEpoch = 2_440_588;

    /// <summary>The core value of a statistics entry, or null when the bytes do not fit the column.</summary>
    public static object? Decode(ColumnDescriptor column, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return column.ValueType.Kind switch
            {
                TypeKind.Boolean => bytes.Length >= 1 ? bytes[0] != 0 : null,
                TypeKind.Int64 when column.Conversion == ValueConversion.Int32ToInt64 => bytes.Length == 4 ? (long)BinaryPrimitives.ReadInt32LittleEndian(bytes) : null,
                TypeKind.Int64 => bytes.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : null,
                TypeKind.Double when column.Conversion == ValueConversion.FloatToDouble => bytes.Length == 4 ? (double)BinaryPrimitives.ReadSingleLittleEndian(bytes) : null,
                TypeKind.Double => bytes.Length == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(bytes) : null,
                TypeKind.Decimal => DecodeDecimal(column, bytes),
                TypeKind.Date => bytes.Length == 4 ? ValueFormatter.ToDateOnly(BinaryPrimitives.ReadInt32LittleEndian(bytes)) : null,
                TypeKind.Timestamp => DecodeTimestamp(column, bytes),
                TypeKind.String => Encoding.UTF8.GetString(bytes),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static object? DecodeDecimal(ColumnDescriptor column, ReadOnlySpan<byte> bytes)
    {
        Int128 unscaled;
        if (column.Conversion == ValueConversion.UInt64ToDecimal)
        {
            if (bytes.Length != 8)
                return null;
            unscaled = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        }
        else if (column.Conversion == ValueConversion.IntDecimal)
        {
            unscaled = bytes.Length switch
            {
                4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
                _ => 0,
            };
            if (bytes.Length is not (4 or 8))
                return null;
        }
        else
        {
            if (!TryBigEndianToInt128(bytes, out unscaled))
                return null;
        }
        return new DecimalValue(unscaled, column.ValueType.Scale);
    }

    private static object? DecodeTimestamp(ColumnDescriptor column, ReadOnlySpan<byte> bytes)
    {
        long micros;
        switch (column.Conversion)
        {
            case ValueConversion.Int96Timestamp:
                if (bytes.Length != 12)
                    return null;
                micros = Int96ToMicros(bytes);
                break;
            default:
                if (bytes.Length != 8)
                    return null;
                micros = ScaleToMicros(BinaryPrimitives.ReadInt64LittleEndian(bytes), column.Conversion);
                break;
        }
        var dt = ValueFormatter.ToDateTime(micros);
        return column.ValueType.HasOffset ? new DateTimeOffset(dt, TimeSpan.Zero) : dt;
    }

    /// <summary>Milliseconds or nanoseconds to microseconds (nanoseconds truncate toward negative infinity).</summary>
    public static long ScaleToMicros(long value, ValueConversion conversion) => conversion switch
    {
        ValueConversion.TimestampMillis => value * 1000,
        ValueConversion.TimestampNanos => Math.DivRem(value, 1000, out var rem) - (rem < 0 ? 1 : 0),
        _ => value,
    };

    /// <summary>INT96: 8 bytes of nanoseconds within the day, then 4 bytes of Julian day, little-endian.</summary>
    public static long Int96ToMicros(ReadOnlySpan<byte> bytes)
    {
        var nanos = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var julianDay = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        return (julianDay - JulianDayOfUnixEpoch) * 86_400_000_000L + nanos / 1000;
    }

    /// <summary>Big-endian two's complement (any length up to 16 bytes) → Int128.</summary>
    public static bool TryBigEndianToInt128(ReadOnlySpan<byte> bytes, out Int128 value)
    {
        value = 0;
        if (bytes.Length is 0 or > 16)
            return false;
        var negative = (bytes[0] & 0x80) != 0;
        UInt128 acc = negative ? UInt128.MaxValue : UInt128.Zero;
        foreach (var b in bytes)
            acc = (acc << 8) | b;
        value = (Int128)acc;
        return true;
    }

    /// <summary>Int128 → big-endian two's complement of exactly <paramref name="destination"/>'s length.</summary>
    public static void Int128ToBigEndian(Int128 value, Span<byte> destination)
    {
        var v = (UInt128)value;
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)v;
            v >>= 8;
        }
    }
}
