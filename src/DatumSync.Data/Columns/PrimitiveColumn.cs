using System.Buffers;
using System.Text;

namespace DatumSync.Data;

/// <summary>A column of fixed-width values.</summary>
/// <typeparam name="T">The physical value type.</typeparam>
public abstract class PrimitiveColumn<T> : Column
    where T : unmanaged
{
    private T[]? _values;

    private protected PrimitiveColumn(DataType type, T[] values, int length, byte[]? validity, int nullCount)
        : base(type, length, validity, nullCount) => _values = values;

    /// <summary>The values; the slot of a null row holds default.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Length);

    /// <summary>The physical value at <paramref name="index"/> (default for null rows).</summary>
    public T this[int index] => Values[index];

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_values is { } v)
        {
            _values = null;
            ArrayPool<T>.Shared.Return(v);
        }
        base.Dispose(disposing);
    }
}

/// <summary>64-bit integers.</summary>
public sealed class Int64Column : PrimitiveColumn<long>
{
    internal Int64Column(long[] values, int length, byte[]? validity, int nullCount)
        : base(DataType.Int64, values, length, validity, nullCount) { }

    /// <inheritdoc />
    public override bool TryFormatUtf8(int index, Span<byte> destination, out int bytesWritten)
        => this[index].TryFormat(destination, out bytesWritten, default, System.Globalization.CultureInfo.InvariantCulture);

    private protected override object GetValueCore(int index) => this[index];
}

/// <summary>Doubles.</summary>
public sealed class DoubleColumn : PrimitiveColumn<double>
{
    internal DoubleColumn(double[] values, int length, byte[]? validity, int nullCount)
        : base(DataType.Double, values, length, validity, nullCount) { }

    /// <inheritdoc />
    public override bool TryFormatUtf8(int index, Span<byte> destination, out int bytesWritten)
        => ValueFormatter.TryFormatDouble(this[index], destination, out bytesWritten);

    private protected override object GetValueCore(int index) => this[index];
}

/// <summary>Exact decimals as 128-bit unscaled integers with the type's scale.</summary>
public sealed class DecimalColumn : PrimitiveColumn<Int128>
{
    internal DecimalColumn(DataType type, Int128[] values, int length, byte[]? validity, int nullCount)
        : base(type, values, length, validity, nullCount) { }

    /// <summary>The value at <paramref name="index"/> with its scale.</summary>
    public DecimalValue GetDecimal(int index) => new(this[index], Type.Scale);

    /// <inheritdoc />
    public override bool TryFormatUtf8(int index, Span<byte> destination, out int bytesWritten)
        => ValueFormatter.TryFormatDecimal(this[index], Type.Scale, destination, out bytesWritten);

    private protected override object GetValueCore(int index) => GetDecimal(index);
}

/// <summary>Dates as days since 1970-01-01.</summary>
public sealed class DateColumn : PrimitiveColumn<int>
{
    internal DateColumn(int[] values, int length, byte[]? validity, int nullCount)
        : base(DataType.Date, values, length, validity, nullCount) { }

    /// <inheritdoc />
    public override bool TryFormatUtf8(int index, Span<byte> destination, out int bytesWritten)
        => ValueFormatter.TryFormatDate(this[index], destination, out bytesWritten);

    private protected override object GetValueCore(int index) => ValueFormatter.ToDateOnly(this[index]);
}

/// <summary>Timestamps as microseconds since 1970-01-01T00:00:00 (UTC when <see cref="DataType.HasOffset"/>).</summary>
public sealed class TimestampColumn : PrimitiveColumn<long>
{
    internal TimestampColumn(DataType type, long[] values, int length, byte[]? validity, int nullCount)
        : base(type, values, length, validity, nullCount) { }

    /// <inheritdoc />
    public override bool TryFormatUtf8(int index, Span<byte> destination, out int bytesWritten)
        => ValueFormatter.TryFormatTimestamp(this[index], Type.HasOffset, destination, out bytesWritten);

    private protected override object GetValueCore(int index)
    {
        var dt = ValueFormatter.ToDateTime(this[index]);
        // The cast matters: without it the conditional is typed DateTimeOffset and a plain DateTime is converted too.
        return Type.HasOffset ? new DateTimeOffset(dt, TimeSpan.Zero) : (object)dt;
    }
}

/// <summary>Booleans, bit-packed (LSB first) like the validity bitmap.</summary>
public sealed class BooleanColumn : Column
{
    private byte[]? _bits;

    internal BooleanColumn(byte[] bits, int length, byte[]? validity, int nullCount)
        : base(DataType.Boolean, length, validity, nullCount) => _bits = bits;

    /// <summary>The packed value bits.</summary>
    public ReadOnlySpan<byte> Bits => _bits.AsSpan(0, (Length + 7) >> 3);

    /// <summary>The value at <paramref name="index"/> (false for null rows).</summary>
    public bool this[int index] => (_bits![index >> 3] & (1 << (index & 7))) != 0;

    /// <inheritdoc />
    public override bool TryFormatUtf8(int index, Span<byte> destination, out int bytesWritten)
    {
        var text = this[index] ? "true"u8 : "false"u8;
        bytesWritten = text.Length;
        return text.TryCopyTo(destination);
    }

    private protected override object GetValueCore(int index) => this[index];

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_bits is { } b)
        {
            _bits = null;
            ArrayPool<byte>.Shared.Return(b);
        }
        base.Dispose(disposing);
    }
}

/// <summary>UTF-8 strings: a byte buffer plus <c>Length + 1</c> offsets.</summary>
public sealed class StringColumn : Column
{
    private byte[]? _data;
    private int[]? _offsets;

    internal StringColumn(byte[] data, int[] offsets, int length, byte[]? validity, int nullCount)
        : base(DataType.String, length, validity, nullCount)
    {
        _data = data;
        _offsets = offsets;
    }

    /// <summary>All values' bytes, back to back.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, _offsets![Length]);

    /// <summary>Start offsets into <see cref="Data"/>; value i is <c>Data[Offsets[i]..Offsets[i+1]]</c>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>The UTF-8 bytes of row <paramref name="index"/> (empty for null rows).</summary>
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        var start = _offsets![index];
        return _data.AsSpan(start, _offsets[index + 1] - start);
    }

    /// <summary>The string at <paramref name="index"/>, or null.</summary>
    public string? GetString(int index) => IsValid(index) ? Encoding.UTF8.GetString(GetBytes(index)) : null;

    /// <inheritdoc />
    public override bool TryFormatUtf8(int index, Span<byte> destination, out int bytesWritten)
    {
        var bytes = GetBytes(index);
        bytesWritten = bytes.Length;
        return bytes.TryCopyTo(destination);
    }

    private protected override object GetValueCore(int index) => Encoding.UTF8.GetString(GetBytes(index));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_data is { } d)
        {
            _data = null;
            ArrayPool<byte>.Shared.Return(d);
        }
        if (_offsets is { } o)
        {
            _offsets = null;
            ArrayPool<int>.Shared.Return(o);
        }
        base.Dispose(disposing);
    }
}
