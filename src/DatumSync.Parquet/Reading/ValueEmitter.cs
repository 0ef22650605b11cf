using System.Buffers.Text;
using System.Text.Unicode;
using DatumSync.Data;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Mapping;

namespace DatumSync.Parquet.Reading;

/// <summary>Turns decoded physical values into core values: appends them to builders, or writes them as JSON
/// elements for list columns.</summary>
internal sealed class ValueEmitter(ColumnDescriptor column)
{
    private readonly ValueConversion _conversion = column.Conversion;
    private readonly PhysicalType _physical = column.PhysicalType;
    private readonly int _width = column.TypeLength;
    private readonly bool _unsigned = column.Element.LogicalType is { Kind: LogicalTypeKind.Integer, IsSigned: false }
        || column.Element.ConvertedType is ConvertedType.Uint8 or ConvertedType.Uint16 or ConvertedType.Uint32;
    private readonly TypeKind _kind = column.ValueType.Kind;

    /// <summary>Nanosecond timestamps whose sub-microsecond digits were dropped.</summary>
    public long TruncatedNanos { get; private set; }

    public void Append(ColumnBuilder builder, PageValues v, int i)
    {
        switch (_kind)
        {
            case TypeKind.Boolean:
                ((BooleanColumnBuilder)builder).Append(v.Booleans[i]);
                break;
            case TypeKind.Int64:
                ((Int64ColumnBuilder)builder).Append(Int64(v, i));
                break;
            case TypeKind.Double:
                ((DoubleColumnBuilder)builder).Append(_conversion == ValueConversion.FloatToDouble ? v.Floats[i] : v.Doubles[i]);
                break;
            case TypeKind.Decimal:
                ((DecimalColumnBuilder)builder).Append(Decimal(v, i));
                break;
            case TypeKind.Date:
                ((DateColumnBuilder)builder).Append(Date(v, i));
                break;
            case TypeKind.Timestamp:
                ((TimestampColumnBuilder)builder).Append(Timestamp(v, i));
                break;
            default:
                AppendText((StringColumnBuilder)builder, v, i);
                break;
        }
    }

    private long Int64(PageValues v, int i) => _physical == PhysicalType.Int32
        ? _unsigned ? (uint)v.Int32s[i] : v.Int32s[i]
        : v.Int64s[i];

    private Int128 Decimal(PageValues v, int i)
    {
        switch (_conversion)
        {
            case ValueConversion.UInt64ToDecimal:
                return (ulong)v.Int64s[i];
            case ValueConversion.IntDecimal:
                return _physical == PhysicalType.Int32 ? v.Int32s[i] : v.Int64s[i];
            default:
                var bytes = _physical == PhysicalType.FixedLenByteArray ? v.Fixed.AsSpan(i * _width, _width) : v.ByteArray(i);
                if (!PhysicalValues.TryBigEndianToInt128(bytes, out var value))
                    throw new InvalidDataException($"a decimal value has {bytes.Length} bytes; at most 16 fit 38 digits");
                return value;
        }
    }

    // Dates and timestamps DatumSync holds (DateOnly and DateTime): years 1 to 9999. Parquet allows more (DuckDB
    // writes years before 1 and its 'infinity'); such a value is an error naming the column, never a value that
    // breaks whoever formats it later.
    private const int MinDays = -719_162; // 0001-01-01
    private const int MaxDays = 2_932_896; // 9999-12-31
    private const long MinMicros = -62_135_596_800_000_000; // 0001-01-01T00:00:00
    private const long MaxMicros = 253_402_300_799_999_999; // 9999-12-31T23:59:59.999999

    private static int Date(PageValues v, int i)
    {
        var days = v.Int32s[i];
        if (days is < MinDays or > MaxDays)
            throw new InvalidDataException($"a DATE value ({days} days from 1970-01-01) is outside the dates DatumSync holds, 0001-01-01 to 9999-12-31");
        return days;
    }

    private long Timestamp(PageValues v, int i)
    {
        long micros;
        switch (_conversion)
        {
            case ValueConversion.Int96Timestamp:
                var t = v.Int96s[i];
                // Bound the day before multiplying: a corrupt Julian day would overflow.
                var day = t.JulianDay - PhysicalValues.JulianDayOfUnixEpoch;
                if (day is < MinDays or > MaxDays || t.NanosOfDay is < 0 or >= 86_400_000_000_000)
                    throw OutOfRange($"an INT96 timestamp (Julian day {t.JulianDay}, {t.NanosOfDay} ns)");
                if (t.NanosOfDay % 1000 != 0)
                    TruncatedNanos++;
                micros = day * 86_400_000_000L + t.NanosOfDay / 1000;
                break;
            case ValueConversion.TimestampNanos:
                var nanos = v.Int64s[i];
                if (nanos % 1000 != 0)
                    TruncatedNanos++;
                micros = PhysicalValues.ScaleToMicros(nanos, _conversion);
                break;
            case ValueConversion.TimestampMillis:
                var millis = v.Int64s[i];
                if (millis is < MinMicros / 1000 or > MaxMicros / 1000)
                    throw OutOfRange($"a TIMESTAMP value ({millis} ms from 1970-01-01)");
                micros = millis * 1000;
                break;
            default:
                micros = v.Int64s[i];
                break;
        }
        return micros is < MinMicros or > MaxMicros ? throw OutOfRange($"a TIMESTAMP value ({micros} µs from 1970-01-01)") : micros;
    }

    private static InvalidDataException OutOfRange(string what) =>
        new($"{what} is outside the timestamps DatumSync holds, 0001-01-01T00:00:00 to 9999-12-31T23:59:59.999999");

    private void AppendText(StringColumnBuilder builder, PageValues v, int i)
    {
        switch (_conversion)
        {
            case ValueConversion.TimeToText:
            case ValueConversion.UuidToText:
            {
                Span<byte> text = stackalloc byte[40];
                builder.Append(text[..FormatSpecial(v, i, text)]);
                break;
            }
            default:
            {
                var bytes = _physical == PhysicalType.FixedLenByteArray ? v.Fixed.AsSpan(i * _width, _width) : v.ByteArray(i);
                if (Utf8.IsValid(bytes))
                {
                    builder.Append(bytes);
                }
                else if (_conversion == ValueConversion.BinaryToText)
                {
                    builder.Append(Convert.ToBase64String(bytes));
                }
                else
                {
                    throw new InvalidDataException("a STRING value is not valid UTF-8");
                }
                break;
            }
        }
    }

    private int FormatSpecial(PageValues v, int i, Span<byte> text)
    {
        if (_conversion == ValueConversion.UuidToText)
        {
            var bytes = v.Fixed.AsSpan(i * 16, 16);
            var hex = Convert.ToHexStringLower(bytes);
            return System.Text.Encoding.ASCII.GetBytes($"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}", text);
        }
        var unit = column.Element.LogicalType?.Unit ?? (column.Element.ConvertedType == ConvertedType.TimeMillis ? TimeUnit.Millis : TimeUnit.Micros);
        long micros = _physical == PhysicalType.Int32 ? v.Int32s[i] * 1000L : unit == TimeUnit.Nanos ? v.Int64s[i] / 1000 : v.Int64s[i];
        var time = new TimeOnly(Math.Clamp(micros, 0, TimeOnly.MaxValue.Ticks / 10) * 10);
        var format = micros % 1_000_000 == 0 ? "HH:mm:ss" : "HH:mm:ss.FFFFFF";
        time.TryFormat(text, out var n, format, System.Globalization.CultureInfo.InvariantCulture);
        return n;
    }

    /// <summary>Writes value <paramref name="i"/> as a JSON element (lists read as JSON array text).</summary>
    public void WriteJson(ByteBuilder output, PageValues v, int i)
    {
        Span<byte> scratch = stackalloc byte[64];
        int n;
        switch (_kind)
        {
            case TypeKind.Boolean:
                output.Append(v.Booleans[i] ? "true"u8 : "false"u8);
                return;
            case TypeKind.Int64:
                Utf8Formatter.TryFormat(Int64(v, i), scratch, out n);
                output.Append(scratch[..n]);
                return;
            case TypeKind.Double:
                var d = _conversion == ValueConversion.FloatToDouble ? v.Floats[i] : v.Doubles[i];
                if (!double.IsFinite(d))
                {
                    output.Append("null"u8);
                    return;
                }
                ValueFormatter.TryFormatDouble(d, scratch, out n);
                output.Append(scratch[..n]);
                return;
            case TypeKind.Decimal:
                ValueFormatter.TryFormatDecimal(Decimal(v, i), column.ValueType.Scale, scratch, out n);
                output.Append(scratch[..n]);
                return;
            case TypeKind.Date:
                ValueFormatter.TryFormatDate(Date(v, i), scratch, out n);
                output.Quoted(scratch[..n]);
                return;
            case TypeKind.Timestamp:
                ValueFormatter.TryFormatTimestamp(Timestamp(v, i), column.ValueType.HasOffset, scratch, out n);
                output.Quoted(scratch[..n]);
                return;
            default:
                if (_conversion is ValueConversion.TimeToText or ValueConversion.UuidToText)
                {
                    output.Quoted(scratch[..FormatSpecial(v, i, scratch)]);
                    return;
                }
                var bytes = _physical == PhysicalType.FixedLenByteArray ? v.Fixed.AsSpan(i * _width, _width) : v.ByteArray(i);
                if (Utf8.IsValid(bytes))
                    output.JsonString(bytes);
                else
                    output.Quoted(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes)));
                return;
        }
    }
}

/// <summary>A small UTF-8 text builder for list values' JSON.</summary>
internal sealed class ByteBuilder
{
    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes.Length));
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Append(byte b) => Append([b]);

    public void Quoted(ReadOnlySpan<byte> text)
    {
        Append((byte)'"');
        Append(text);
        Append((byte)'"');
    }

    /// <summary>A JSON string: quotes, backslashes and control characters escaped.</summary>
    public void JsonString(ReadOnlySpan<byte> utf8)
    {
        Append((byte)'"');
        foreach (var c in utf8)
        {
            switch (c)
            {
                case (byte)'"': Append("\\\""u8); break;
                case (byte)'\\': Append("\\\\"u8); break;
                case (byte)'\n': Append("\\n"u8); break;
                case (byte)'\r': Append("\\r"u8); break;
                case (byte)'\t': Append("\\t"u8); break;
                case < 0x20:
                    Append(System.Text.Encoding.ASCII.GetBytes($"\\u{c:x4}"));
                    break;
                default:
                    Append(c);
                    break;
            }
        }
        Append((byte)'"');
    }
}
