using System.Buffers;
using System.Runtime.CompilerServices;

namespace DatumSync.Data;

/// <summary>
/// Builds a <see cref="Column"/> value by value. Buffers come from <see cref="ArrayPool{T}"/>; <see cref="Build"/>
/// hands them to the column, and the builder starts afresh.
/// </summary>
public abstract class ColumnBuilder
{
    private byte[]? _validity;
    private int _nullCount;

    private protected ColumnBuilder(DataType type) => Type = type;

    /// <summary>The type of the column being built.</summary>
    public DataType Type { get; }

    /// <summary>The number of values appended so far.</summary>
    public int Count { get; private protected set; }

    /// <summary>Creates a builder for <paramref name="type"/>.</summary>
    public static ColumnBuilder Create(DataType type, int capacity = 1024) => type.Kind switch
    {
        TypeKind.Boolean => new BooleanColumnBuilder(capacity),
        TypeKind.Int64 => new Int64ColumnBuilder(capacity),
        TypeKind.Double => new DoubleColumnBuilder(capacity),
        TypeKind.Decimal => new DecimalColumnBuilder(type, capacity),
        TypeKind.String => new StringColumnBuilder(capacity),
        TypeKind.Date => new DateColumnBuilder(capacity),
        TypeKind.Timestamp => new TimestampColumnBuilder(type, capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown type."),
    };

    /// <summary>Appends a null.</summary>
    public void AppendNull()
    {
        var index = Count;
        EnsureValidity(index);
        _validity![index >> 3] &= (byte)~(1 << (index & 7));
        _nullCount++;
        AppendDefault();
    }

    /// <summary>Appends the value at <paramref name="row"/> of <paramref name="source"/> (same type), or null.</summary>
    public abstract void AppendFrom(Column source, int row);

    /// <summary>Finishes the column and resets the builder.</summary>
    public Column Build()
    {
        var column = BuildCore(_validity, _nullCount);
        if (_nullCount == 0 && _validity is not null)
            ArrayPool<byte>.Shared.Return(_validity);
        _validity = null;
        _nullCount = 0;
        Count = 0;
        return column;
    }

    private protected abstract Column BuildCore(byte[]? validity, int nullCount);

    /// <summary>Appends a placeholder value for a null slot (keeps vectors aligned).</summary>
    private protected abstract void AppendDefault();

    /// <summary>Called by valid appends once nulls exist, to mark the slot valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void MarkValid(int index)
    {
        var validity = _validity;
        if (validity is null)
            return;
        var b = index >> 3;
        if ((uint)b < (uint)validity.Length)
        {
            validity[b] |= (byte)(1 << (index & 7));
            return;
        }
        EnsureValidity(index);
        _validity![b] |= (byte)(1 << (index & 7));
    }

    private void EnsureValidity(int index)
    {
        var needed = (index >> 3) + 1;
        if (_validity is null)
        {
            // Lazily created on the first null: all rows so far are valid.
            _validity = ArrayPool<byte>.Shared.Rent(Math.Max(needed * 2, 128));
            _validity.AsSpan().Fill(0xFF);
        }
        else if (_validity.Length < needed)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(needed * 2);
            _validity.CopyTo(bigger, 0);
            bigger.AsSpan(_validity.Length).Fill(0xFF);
            ArrayPool<byte>.Shared.Return(_validity);
            _validity = bigger;
        }
    }

    private protected static void Grow<T>(ref T[] buffer, int needed)
    {
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(buffer);
        buffer = bigger;
    }
}

/// <summary>Builds fixed-width columns.</summary>
public abstract class PrimitiveColumnBuilder<T> : ColumnBuilder
    where T : unmanaged
{
    private T[] _values;
    private readonly int _capacity;

    private protected PrimitiveColumnBuilder(DataType type, int capacity) : base(type)
    {
        _capacity = Math.Max(capacity, 16);
        _values = ArrayPool<T>.Shared.Rent(_capacity);
    }

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        var i = Count;
        if ((uint)i >= (uint)_values.Length)
            Grow(ref _values, i + 1);
        _values[i] = value;
        MarkValid(i);
        Count = i + 1;
    }

    /// <inheritdoc />
    public override void AppendFrom(Column source, int row)
    {
        if (source.IsNull(row))
            AppendNull();
        else
            Append(((PrimitiveColumn<T>)source)[row]);
    }

    private protected override void AppendDefault()
    {
        var i = Count;
        if ((uint)i >= (uint)_values.Length)
            Grow(ref _values, i + 1);
        _values[i] = default;
        Count = i + 1;
    }

    private protected override Column BuildCore(byte[]? validity, int nullCount)
    {
        var values = _values;
        var column = Create(values, Count, validity, nullCount);
        _values = ArrayPool<T>.Shared.Rent(_capacity);
        return column;
    }

    private protected abstract Column Create(T[] values, int length, byte[]? validity, int nullCount);
}

/// <summary>Builds <see cref="Int64Column"/>s.</summary>
public sealed class Int64ColumnBuilder(int capacity = 1024) : PrimitiveColumnBuilder<long>(DataType.Int64, capacity)
{
    private protected override Column Create(long[] values, int length, byte[]? validity, int nullCount)
        => new Int64Column(values, length, validity, nullCount);
}

/// <summary>Builds <see cref="DoubleColumn"/>s.</summary>
public sealed class DoubleColumnBuilder(int capacity = 1024) : PrimitiveColumnBuilder<double>(DataType.Double, capacity)
{
    private protected override Column Create(double[] values, int length, byte[]? validity, int nullCount)
        => new DoubleColumn(values, length, validity, nullCount);
}

/// <summary>Builds <see cref="DecimalColumn"/>s of unscaled values.</summary>
public sealed class DecimalColumnBuilder(DataType type, int capacity = 1024) : PrimitiveColumnBuilder<Int128>(type, capacity)
{
    private protected override Column Create(Int128[] values, int length, byte[]? validity, int nullCount)
        => new DecimalColumn(Type, values, length, validity, nullCount);
}

/// <summary>Builds <see cref="DateColumn"/>s of days since the epoch.</summary>
public sealed class DateColumnBuilder(int capacity = 1024) : PrimitiveColumnBuilder<int>(DataType.Date, capacity)
{
    private protected override Column Create(int[] values, int length, byte[]? validity, int nullCount)
        => new DateColumn(values, length, validity, nullCount);
}

/// <summary>Builds <see cref="TimestampColumn"/>s of microseconds since the epoch.</summary>
public sealed class TimestampColumnBuilder(DataType type, int capacity = 1024) : PrimitiveColumnBuilder<long>(type, capacity)
{
    private protected override Column Create(long[] values, int length, byte[]? validity, int nullCount)
        => new TimestampColumn(Type, values, length, validity, nullCount);
}

/// <summary>Builds <see cref="BooleanColumn"/>s.</summary>
public sealed class BooleanColumnBuilder : ColumnBuilder
{
    private byte[] _bits;
    private readonly int _capacityBytes;

    /// <summary>Creates a builder.</summary>
    public BooleanColumnBuilder(int capacity = 1024) : base(DataType.Boolean)
    {
        _capacityBytes = Math.Max((capacity + 7) >> 3, 16);
        _bits = ArrayPool<byte>.Shared.Rent(_capacityBytes);
    }

    /// <summary>Appends a value.</summary>
    public void Append(bool value)
    {
        var i = Count;
        Set(i, value);
        MarkValid(i);
        Count = i + 1;
    }

    /// <inheritdoc />
    public override void AppendFrom(Column source, int row)
    {
        if (source.IsNull(row))
            AppendNull();
        else
            Append(((BooleanColumn)source)[row]);
    }

    private void Set(int i, bool value)
    {
        var b = i >> 3;
        if ((uint)b >= (uint)_bits.Length)
            Grow(ref _bits, b + 1);
        if (value)
            _bits[b] |= (byte)(1 << (i & 7));
        else
            _bits[b] &= (byte)~(1 << (i & 7));
    }

    private protected override void AppendDefault()
    {
        Set(Count, false);
        Count++;
    }

    private protected override Column BuildCore(byte[]? validity, int nullCount)
    {
        var column = new BooleanColumn(_bits, Count, validity, nullCount);
        _bits = ArrayPool<byte>.Shared.Rent(_capacityBytes);
        return column;
    }
}

/// <summary>Builds <see cref="StringColumn"/>s from UTF-8 bytes.</summary>
public sealed class StringColumnBuilder : ColumnBuilder
{
    private byte[] _data;
    private int[] _offsets;
    private int _dataLength;
    private readonly int _capacity;

    /// <summary>Creates a builder.</summary>
    public StringColumnBuilder(int capacity = 1024) : base(DataType.String)
    {
        _capacity = Math.Max(capacity, 16);
        _data = ArrayPool<byte>.Shared.Rent(_capacity * 16);
        _offsets = ArrayPool<int>.Shared.Rent(_capacity + 1);
        _offsets[0] = 0;
    }

    /// <summary>The bytes appended so far.</summary>
    public int ByteCount => _dataLength;

    /// <summary>Appends a UTF-8 value (the caller guarantees valid UTF-8).</summary>
    public void Append(ReadOnlySpan<byte> utf8)
    {
        var end = _dataLength + utf8.Length;
        if (end > _data.Length)
            Grow(ref _data, end);
        utf8.CopyTo(_data.AsSpan(_dataLength));
        _dataLength = end;
        Commit();
    }

    /// <summary>Appends a string.</summary>
    public void Append(string value)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_dataLength + max > _data.Length)
            Grow(ref _data, _dataLength + max);
        _dataLength += System.Text.Encoding.UTF8.GetBytes(value, _data.AsSpan(_dataLength));
        Commit();
    }

    /// <summary>
    /// Reserves <paramref name="maxBytes"/> bytes for a value written in place; call <see cref="CommitReserved"/>
    /// with the bytes actually written. Saves a copy when unescaping.
    /// </summary>
    public Span<byte> Reserve(int maxBytes)
    {
        if (_dataLength + maxBytes > _data.Length)
            Grow(ref _data, _dataLength + maxBytes);
        return _data.AsSpan(_dataLength, maxBytes);
    }

    /// <summary>Completes a value written into the span from <see cref="Reserve"/>.</summary>
    public void CommitReserved(int bytesWritten)
    {
        _dataLength += bytesWritten;
        Commit();
    }

    /// <inheritdoc />
    public override void AppendFrom(Column source, int row)
    {
        if (source.IsNull(row))
            AppendNull();
        else
            Append(((StringColumn)source).GetBytes(row));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Commit()
    {
        var i = Count;
        if (i + 2 > _offsets.Length)
            Grow(ref _offsets, i + 2);
        _offsets[i + 1] = _dataLength;
        MarkValid(i);
        Count = i + 1;
    }

    private protected override void AppendDefault()
    {
        var i = Count;
        if (i + 2 > _offsets.Length)
            Grow(ref _offsets, i + 2);
        _offsets[i + 1] = _dataLength;
        Count = i + 1;
    }

    private protected override Column BuildCore(byte[]? validity, int nullCount)
    {
        var column = new StringColumn(_data, _offsets, Count, validity, nullCount);
        _data = ArrayPool<byte>.Shared.Rent(_capacity * 16);
        _offsets = ArrayPool<int>.Shared.Rent(_capacity + 1);
        _offsets[0] = 0;
        _dataLength = 0;
        return column;
    }
}
