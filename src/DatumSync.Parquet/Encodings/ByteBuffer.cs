using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// A growable byte buffer over <see cref="ArrayPool{T}"/> arrays: the output of every encoder here, and the page and
/// column-chunk buffer of the writer.
/// </summary>
/// <remarks>
/// <para>
/// Written bytes are <see cref="WrittenSpan"/>; <see cref="GetSpan"/> / <see cref="Advance"/> append through the
/// <see cref="IBufferWriter{T}"/> contract, and the <c>Write…</c> methods append the fixed-width and varint values the
/// encodings use. <see cref="Clear"/> forgets the contents but keeps the array, so one buffer serves every page of a
/// column chunk without renting again; <see cref="Dispose"/> returns the array to the pool.
/// </para>
/// <para>
/// Growth at least doubles (amortised O(1) appends) up to <see cref="Array.MaxLength"/>; a buffer that would pass it
/// throws <see cref="InvalidOperationException"/>. Rented arrays are not cleared on return: the bytes of an encoded page
/// are not secrets, and clearing would cost a pass over every page.
/// </para>
/// <para>
/// Any span or memory obtained from the buffer is invalid after the next call that may grow it (any append,
/// <see cref="GetSpan"/>, <see cref="GetMemory"/>, <see cref="EnsureCapacity"/>) and after <see cref="Dispose"/>.
/// Not thread-safe.
/// </para>
/// </remarks>
internal sealed class ByteBuffer : IBufferWriter<byte>, IDisposable
{
    private const int DefaultCapacity = 256;

    private byte[] _buffer;
    private int _written;

    /// <summary>Creates an empty buffer; <paramref name="initialCapacity"/> bytes are rented on the first write.</summary>
    public ByteBuffer(int initialCapacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = [];
        InitialCapacity = Math.Max(initialCapacity, 16);
    }

    /// <summary>The capacity rented by the first write.</summary>
    public int InitialCapacity { get; }

    /// <summary>The number of bytes written.</summary>
    public int WrittenCount => _written;

    /// <summary>The bytes that fit without growing (the rented array may be larger than asked for).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The free bytes after the written ones.</summary>
    public int FreeCapacity => _buffer.Length - _written;

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => new(_buffer, 0, _written);

    /// <summary>The written bytes as memory (for stream writes).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => new(_buffer, 0, _written);

    /// <summary>
    /// A writable view of bytes already written, to fill in a placeholder after the fact (a length prefix, a
    /// page header size). Invalid after the next growth, like every span of this buffer.
    /// </summary>
    public Span<byte> Patch(int start, int length)
    {
        if ((uint)start > (uint)_written || (uint)length > (uint)(_written - start))
            ThrowPatchOutOfRange(start, length);
        return new Span<byte>(_buffer, start, length);
    }

    /// <summary>Forgets the written bytes; keeps the rented array for reuse.</summary>
    public void Clear() => _written = 0;

    /// <summary>Drops written bytes after the first <paramref name="length"/> (to undo a tentative write).</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _written);
        _written = length;
    }

    /// <summary>Makes room for at least <paramref name="additional"/> more bytes without further growth.</summary>
    public void EnsureCapacity(int additional)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(additional);
        if (additional > _buffer.Length - _written)
            Grow(additional);
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
            ThrowAdvancePastEnd(count);
        _written += count;
    }

    /// <inheritdoc />
    /// <remarks>A <paramref name="sizeHint"/> of 0 asks for at least one byte. The span may be larger.</remarks>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _written)
            Grow(bytes.Length);
        bytes.CopyTo(new Span<byte>(_buffer, _written, bytes.Length));
        _written += bytes.Length;
    }

    /// <summary>Appends one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_written >= _buffer.Length)
            Grow(1);
        _buffer[_written++] = value;
    }

    /// <summary>Appends a 4-byte little-endian integer.</summary>
    public void WriteInt32LittleEndian(int value) => BinaryPrimitives.WriteInt32LittleEndian(Append(4), value);

    /// <summary>Appends an 8-byte little-endian integer.</summary>
    public void WriteInt64LittleEndian(long value) => BinaryPrimitives.WriteInt64LittleEndian(Append(8), value);

    /// <summary>Appends an unsigned LEB128 varint (1 to 10 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUleb128(ulong value)
    {
        if (_buffer.Length - _written < Varint.MaxLength64)
            Grow(Varint.MaxLength64);
        _written += Varint.Write(new Span<byte>(_buffer, _written, Varint.MaxLength64), value);
    }

    /// <summary>Appends a zigzag-encoded signed LEB128 varint (1 to 10 bytes), as in DELTA_BINARY_PACKED headers.</summary>
    public void WriteZigZag(long value) => WriteUleb128(Varint.ZigZagEncode(value));

    /// <summary>
    /// Appends <paramref name="count"/> bytes and returns them to be filled in (not cleared). Invalid after the next
    /// growth.
    /// </summary>
    public Span<byte> Append(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
            Grow(count);
        var span = new Span<byte>(_buffer, _written, count);
        _written += count;
        return span;
    }

    /// <summary>A copy of the written bytes (tests and small metadata; not for page data).</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Returns the rented array to the pool. The buffer can be used again afterwards (it rents anew).</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length != 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureFree(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        if (sizeHint == 0)
            sizeHint = 1;
        if (sizeHint > _buffer.Length - _written)
            Grow(sizeHint);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int additional)
    {
        var needed = (long)_written + additional;
        if (needed > Array.MaxLength)
            ThrowTooLarge(needed);
        // Double, but never below the initial capacity nor above the largest array.
        var size = Math.Max(Math.Max(needed, (long)_buffer.Length * 2), InitialCapacity);
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, Array.MaxLength));
        var old = _buffer;
        old.AsSpan(0, _written).CopyTo(next);
        _buffer = next;
        if (old.Length != 0)
            ArrayPool<byte>.Shared.Return(old);
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowTooLarge(long needed) =>
        throw new InvalidOperationException($"A byte buffer cannot hold {needed} bytes (at most {Array.MaxLength}).");

    [DoesNotReturn]
    [StackTraceHidden]
    private void ThrowAdvancePastEnd(int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, $"Cannot advance {count} bytes: {_buffer.Length - _written} are free.");

    [DoesNotReturn]
    [StackTraceHidden]
    private void ThrowPatchOutOfRange(int start, int length) =>
        throw new ArgumentOutOfRangeException(nameof(start), $"Bytes {start}..{(long)start + length} are not all written ({_written} are).");
}
