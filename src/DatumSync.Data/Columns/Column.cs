using System.Buffers;

namespace DatumSync.Data;

/// <summary>
/// One column of a <see cref="RecordBatch"/>: a typed vector plus a validity bitmap.
/// </summary>
/// <remarks>
/// Buffers are rented from <see cref="ArrayPool{T}"/> by the builders and returned on <see cref="Dispose()"/>:
/// a streaming reader turns over thousands of batches, and renting keeps allocation (and GC pauses) flat.
/// Do not touch a column's spans after the batch that owns it is disposed.
/// </remarks>
public abstract class Column : IDisposable
{
    private byte[]? _validity;

    private protected Column(DataType type, int length, byte[]? validity, int nullCount)
    {
        Type = type;
        Length = length;
        _validity = nullCount == 0 ? null : validity;
        NullCount = nullCount;
    }

    /// <summary>The logical type.</summary>
    public DataType Type { get; }

    /// <summary>The number of values (rows).</summary>
    public int Length { get; }

    /// <summary>The number of null values.</summary>
    public int NullCount { get; }

    /// <summary>The validity bitmap (bit i set = row i is valid, LSB first); empty when no value is null.</summary>
    public ReadOnlySpan<byte> Validity => _validity is null ? default : _validity.AsSpan(0, (Length + 7) >> 3);

    /// <summary>Whether row <paramref name="index"/> holds a value.</summary>
    public bool IsValid(int index) => _validity is null || (_validity[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>Whether row <paramref name="index"/> is null.</summary>
    public bool IsNull(int index) => !IsValid(index);

    /// <summary>
    /// The boxed value at <paramref name="index"/>, or null: <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>,
    /// <see cref="DecimalValue"/>, <see cref="string"/>, <see cref="DateOnly"/>, <see cref="DateTime"/> (timestamp)
    /// or <see cref="DateTimeOffset"/> (timestamp with offset, at UTC). Convenient, not fast.
    /// </summary>
    public object? GetValue(int index) => IsValid(index) ? GetValueCore(index) : null;

    /// <summary>Writes the canonical text of the (non-null) value at <paramref name="index"/> as UTF-8.</summary>
    /// <returns>false when <paramref name="destination"/> is too small.</returns>
    public abstract bool TryFormatUtf8(int index, Span<byte> destination, out int bytesWritten);

    /// <summary>The canonical text of the value at <paramref name="index"/>, or null.</summary>
    public string? GetText(int index)
    {
        if (!IsValid(index))
            return null;
        Span<byte> buffer = stackalloc byte[64];
        return TryFormatUtf8(index, buffer, out var n)
            ? System.Text.Encoding.UTF8.GetString(buffer[..n])
            : GetValueCore(index)?.ToString();
    }

    private protected abstract object GetValueCore(int index);

    /// <summary>Returns pooled buffers.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Returns pooled buffers.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_validity is { } v)
        {
            _validity = null;
            ArrayPool<byte>.Shared.Return(v);
        }
    }
}
