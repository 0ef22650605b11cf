using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// The PLAIN encoding (PLAIN = 0) of every physical type, and of dictionary pages: booleans bit-packed LSB first,
/// fixed-width values little-endian back to back, BYTE_ARRAY as a 4-byte little-endian length and the bytes,
/// FIXED_LEN_BYTE_ARRAY as the bytes alone.
/// </summary>
/// <remarks>
/// <para>
/// Fixed-width values are copied as a block through <see cref="MemoryMarshal.Cast{TFrom,TTo}(ReadOnlySpan{TFrom})"/>
/// (on little-endian machines; a big-endian one swaps bytes). Floating-point values keep their exact bits: NaN
/// payloads, negative zero and infinities survive a round trip.
/// </para>
/// <para>
/// Decoders take the number of values from the destination (the page header gives it) and return the bytes read.
/// Input shorter than the values need, or a BYTE_ARRAY length running past the input, throws
/// <see cref="InvalidDataException"/>; nothing is sized from a length in the data before it is checked against the
/// input.
/// </para>
/// </remarks>
internal static class PlainEncoding
{
    /// <summary>Appends booleans bit-packed LSB first, the last byte padded with zero bits.</summary>
    public static void EncodeBooleans(ReadOnlySpan<bool> values, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = output.Append((values.Length + 7) >> 3);
        var input = MemoryMarshal.AsBytes(values);
        var i = 0;
        var o = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // 16 booleans at a time: any non-zero byte is true; the comparison's sign bits are the packed byte pair.
            for (; i + 16 <= input.Length; i += 16, o += 2)
            {
                var v = Vector128.Create(input.Slice(i, 16));
                var bits = ~Vector128.Equals(v, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF;
                BinaryPrimitives.WriteUInt16LittleEndian(bytes[o..], (ushort)bits);
            }
        }
        for (; i < input.Length; i += 8, o++)
        {
            var b = 0;
            var end = Math.Min(8, input.Length - i);
            for (var k = 0; k < end; k++)
                b |= (input[i + k] != 0 ? 1 : 0) << k;
            bytes[o] = (byte)b;
        }
    }

    /// <summary>
    /// Appends <paramref name="count"/> booleans that are already packed LSB first (the layout of a boolean
    /// column's bits), clearing the unused bits of the last byte.
    /// </summary>
    public static void EncodeBooleanBits(ReadOnlySpan<byte> bits, int count, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = (count + 7) >> 3;
        ArgumentOutOfRangeException.ThrowIfLessThan(bits.Length, n, nameof(bits));
        var bytes = output.Append(n);
        bits[..n].CopyTo(bytes);
        if ((count & 7) != 0)
            bytes[n - 1] &= (byte)((1 << (count & 7)) - 1);
    }

    /// <summary>Decodes <c>destination.Length</c> booleans and returns the bytes read.</summary>
    public static int DecodeBooleans(ReadOnlySpan<byte> data, Span<bool> destination)
    {
        var n = (destination.Length + 7) >> 3;
        if (data.Length < n)
            EncodingErrors.Truncated($"PLAIN BOOLEAN ({destination.Length} values)", n, data.Length);
        var output = MemoryMarshal.AsBytes(destination);
        var full = destination.Length >> 3;
        ref var table = ref MemoryMarshal.GetArrayDataReference(s_bitsToBools);
        ref var dst = ref MemoryMarshal.GetReference(output);
        // Each input byte becomes 8 bytes of 0/1 from a 256-entry table: one 8-byte copy per 8 values.
        for (var i = 0; i < full; i++)
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i * 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref table, data[i] * 8)));
        for (var i = full * 8; i < destination.Length; i++)
            output[i] = (byte)((data[i >> 3] >> (i & 7)) & 1);
        return n;
    }

    /// <summary>
    /// Copies <paramref name="count"/> packed booleans into <paramref name="destinationBits"/> (LSB first, the layout
    /// of a boolean column), clearing the unused bits of the last byte, and returns the bytes read.
    /// </summary>
    public static int DecodeBooleanBits(ReadOnlySpan<byte> data, int count, Span<byte> destinationBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = (count + 7) >> 3;
        ArgumentOutOfRangeException.ThrowIfLessThan(destinationBits.Length, n, nameof(destinationBits));
        if (data.Length < n)
            EncodingErrors.Truncated($"PLAIN BOOLEAN ({count} values)", n, data.Length);
        data[..n].CopyTo(destinationBits);
        if ((count & 7) != 0)
            destinationBits[n - 1] &= (byte)((1 << (count & 7)) - 1);
        return n;
    }

    /// <summary>Appends INT32 values.</summary>
    public static void EncodeInt32(ReadOnlySpan<int> values, ByteBuffer output) => EncodeFixed(values, output);

    /// <summary>Appends INT64 values.</summary>
    public static void EncodeInt64(ReadOnlySpan<long> values, ByteBuffer output) => EncodeFixed(values, output);

    /// <summary>Appends FLOAT values (bits as they are).</summary>
    public static void EncodeFloat(ReadOnlySpan<float> values, ByteBuffer output) =>
        EncodeFixed(MemoryMarshal.Cast<float, int>(values), output);

    /// <summary>Appends DOUBLE values (bits as they are).</summary>
    public static void EncodeDouble(ReadOnlySpan<double> values, ByteBuffer output) =>
        EncodeFixed(MemoryMarshal.Cast<double, long>(values), output);

    /// <summary>Appends INT96 values.</summary>
    public static void EncodeInt96(ReadOnlySpan<Int96> values, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = output.Append(checked(values.Length * 12));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes[(i * 12)..], values[i].NanosOfDay);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[(i * 12 + 8)..], values[i].JulianDay);
        }
    }

    /// <summary>Decodes <c>destination.Length</c> INT32 values and returns the bytes read.</summary>
    public static int DecodeInt32(ReadOnlySpan<byte> data, Span<int> destination) => DecodeFixed(data, destination, "INT32");

    /// <summary>Decodes <c>destination.Length</c> INT64 values and returns the bytes read.</summary>
    public static int DecodeInt64(ReadOnlySpan<byte> data, Span<long> destination) => DecodeFixed(data, destination, "INT64");

    /// <summary>Decodes <c>destination.Length</c> FLOAT values and returns the bytes read.</summary>
    public static int DecodeFloat(ReadOnlySpan<byte> data, Span<float> destination) =>
        DecodeFixed(data, MemoryMarshal.Cast<float, int>(destination), "FLOAT");

    /// <summary>Decodes <c>destination.Length</c> DOUBLE values and returns the bytes read.</summary>
    public static int DecodeDouble(ReadOnlySpan<byte> data, Span<double> destination) =>
        DecodeFixed(data, MemoryMarshal.Cast<double, long>(destination), "DOUBLE");

    /// <summary>Decodes <c>destination.Length</c> INT96 values and returns the bytes read.</summary>
    public static int DecodeInt96(ReadOnlySpan<byte> data, Span<Int96> destination)
    {
        var n = (long)destination.Length * 12;
        if (data.Length < n)
            EncodingErrors.Truncated($"PLAIN INT96 ({destination.Length} values)", n, data.Length);
        if (BitConverter.IsLittleEndian)
        {
            data[..(int)n].CopyTo(MemoryMarshal.AsBytes(destination));
        }
        else
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = new Int96(
                    BinaryPrimitives.ReadInt64LittleEndian(data[(i * 12)..]),
                    BinaryPrimitives.ReadInt32LittleEndian(data[(i * 12 + 8)..]));
            }
        }
        return (int)n;
    }

    /// <summary>Appends one BYTE_ARRAY value: its 4-byte little-endian length, then its bytes.</summary>
    public static void EncodeByteArray(ReadOnlySpan<byte> value, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.Append(checked(4 + value.Length));
        BinaryPrimitives.WriteInt32LittleEndian(span, value.Length);
        value.CopyTo(span[4..]);
    }

    /// <summary>
    /// Appends <c>offsets.Length - 1</c> BYTE_ARRAY values given in the string column layout: value <c>i</c> is
    /// <c>data[offsets[i]..offsets[i + 1]]</c>.
    /// </summary>
    public static void EncodeByteArrays(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var count = CheckOffsets(data, offsets);
        if (count == 0)
            return;
        var span = output.Append(checked(count * 4 + (offsets[count] - offsets[0])));
        var o = 0;
        for (var i = 0; i < count; i++)
        {
            var start = offsets[i];
            var length = offsets[i + 1] - start;
            if (length < 0)
                ThrowOffsetsDecrease(i);
            BinaryPrimitives.WriteInt32LittleEndian(span[o..], length);
            data.Slice(start, length).CopyTo(span[(o + 4)..]);
            o += 4 + length;
        }
    }

    /// <summary>
    /// Decodes <c>offsets.Length - 1</c> BYTE_ARRAY values: appends their bytes to <paramref name="values"/> and
    /// fills <paramref name="offsets"/> with their positions in it (<c>offsets[0]</c> is the buffer's length before
    /// the call, so successive pages can share one buffer and overlap their offset spans by one). Returns the bytes
    /// read.
    /// </summary>
    public static int DecodeByteArrays(ReadOnlySpan<byte> data, Span<int> offsets, ByteBuffer values)
    {
        var start = StartOffsets(offsets, values, out var count);
        if (count == 0)
            return 0;
        // The values' bytes are fewer than the input's, so one reservation holds them and nothing is appended until
        // every length has been checked.
        var room = values.GetSpan(Math.Max(data.Length, 1));
        var pos = 0;
        var o = 0;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - pos < 4)
                ThrowByteArrayTruncated(i, count, pos, data.Length);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
            pos += 4;
            if (length > (uint)(data.Length - pos))
                ThrowByteArrayTooLong(i, length, pos - 4, data.Length - pos);
            data.Slice(pos, (int)length).CopyTo(room[o..]);
            pos += (int)length;
            o += (int)length;
            offsets[i + 1] = start + o;
        }
        values.Advance(o);
        return pos;
    }

    /// <summary>Appends FIXED_LEN_BYTE_ARRAY values: <paramref name="values"/> is the values' bytes back to back.</summary>
    public static void EncodeFixedLenByteArrays(ReadOnlySpan<byte> values, int typeLength, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(typeLength);
        if (typeLength == 0 ? !values.IsEmpty : values.Length % typeLength != 0)
            throw new ArgumentException($"{values.Length} bytes are not a whole number of {typeLength}-byte values.", nameof(values));
        output.Write(values);
    }

    /// <summary>
    /// Decodes <paramref name="count"/> FIXED_LEN_BYTE_ARRAY values of <paramref name="typeLength"/> bytes into
    /// <paramref name="destination"/> (back to back) and returns the bytes read.
    /// </summary>
    public static int DecodeFixedLenByteArrays(ReadOnlySpan<byte> data, int typeLength, int count, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(typeLength);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = (long)typeLength * count;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, n, nameof(destination));
        if (data.Length < n)
            EncodingErrors.Truncated($"PLAIN FIXED_LEN_BYTE_ARRAY ({count} values of {typeLength} bytes)", n, data.Length);
        data[..(int)n].CopyTo(destination);
        return (int)n;
    }

    /// <summary>
    /// Starts decoding byte arrays into string-column offsets: the first offset is where the values will start in
    /// <paramref name="values"/>, which is returned; <paramref name="count"/> is the number of values.
    /// </summary>
    internal static int StartOffsets(Span<int> offsets, ByteBuffer values, out int count)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (offsets.IsEmpty)
            throw new ArgumentException("Offsets need one more entry than there are values.", nameof(offsets));
        count = offsets.Length - 1;
        var start = values.WrittenCount;
        offsets[0] = start;
        return start;
    }

    /// <summary>Checks string-column offsets against their data and returns the value count.</summary>
    internal static int CheckOffsets(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets)
    {
        if (offsets.IsEmpty)
            throw new ArgumentException("Offsets need one more entry than there are values.", nameof(offsets));
        var count = offsets.Length - 1;
        if (offsets[0] < 0 || offsets[count] > data.Length || offsets[count] < offsets[0])
            throw new ArgumentException($"Offsets {offsets[0]}..{offsets[count]} do not lie within {data.Length} bytes of data.", nameof(offsets));
        return count;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    internal static void ThrowOffsetsDecrease(int index) =>
        throw new ArgumentException($"The offsets decrease at value {index}.");

    private static void EncodeFixed<T>(ReadOnlySpan<T> values, ByteBuffer output)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = output.Append(checked(values.Length * Unsafe.SizeOf<T>()));
        if (BitConverter.IsLittleEndian)
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
        else
            ReverseInto(values, bytes);
    }

    private static int DecodeFixed<T>(ReadOnlySpan<byte> data, Span<T> destination, string type)
        where T : unmanaged
    {
        var n = (long)destination.Length * Unsafe.SizeOf<T>();
        if (data.Length < n)
            EncodingErrors.Truncated($"PLAIN {type} ({destination.Length} values)", n, data.Length);
        var source = MemoryMarshal.Cast<byte, T>(data[..(int)n]);
        if (BitConverter.IsLittleEndian)
            source.CopyTo(destination);
        else
            ReverseInto(source, MemoryMarshal.AsBytes(destination));
        return (int)n;
    }

    private static void ReverseInto<T>(ReadOnlySpan<T> values, Span<byte> bytes)
        where T : unmanaged
    {
        if (typeof(T) == typeof(int))
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<T, int>(values), MemoryMarshal.Cast<byte, int>(bytes));
        else if (typeof(T) == typeof(long))
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<T, long>(values), MemoryMarshal.Cast<byte, long>(bytes));
        else
            throw new NotSupportedException(typeof(T).Name);
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowByteArrayTruncated(int index, int count, int position, int length) =>
        throw new InvalidDataException($"PLAIN BYTE_ARRAY: value {index} of {count} needs a 4-byte length at byte {position}, but the data ends at {length}.");

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowByteArrayTooLong(int index, uint length, int position, int available) =>
        throw new InvalidDataException($"PLAIN BYTE_ARRAY: value {index} at byte {position} claims {length} bytes, but only {available} remain.");

    // Byte i*8+k is bit k of i: the eight booleans of every byte value.
    private static readonly byte[] s_bitsToBools = BuildBitsToBools();

    private static byte[] BuildBitsToBools()
    {
        var table = new byte[256 * 8];
        for (var i = 0; i < 256; i++)
        {
            for (var k = 0; k < 8; k++)
                table[i * 8 + k] = (byte)((i >> k) & 1);
        }
        return table;
    }
}
