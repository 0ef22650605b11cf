using System.Runtime.CompilerServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Unsigned LEB128 varints and zigzag mapping, as the RLE/bit-packed hybrid run headers and the DELTA_BINARY_PACKED
/// headers use them.
/// </summary>
/// <remarks>
/// Reads are strict: a varint that runs past its input, or needs more bytes or bits than its type holds (over 5 bytes
/// or 32 bits for 32-bit values, over 10 bytes or 64 bits for 64-bit ones), is corrupt data and throws
/// <see cref="InvalidDataException"/>. Redundant continuation bytes within the limit (such as <c>80 00</c> for 0)
/// are accepted, as other readers accept them.
/// </remarks>
internal static class Varint
{
    /// <summary>The longest varint of a 32-bit value.</summary>
    public const int MaxLength32 = 5;

    /// <summary>The longest varint of a 64-bit value.</summary>
    public const int MaxLength64 = 10;

    /// <summary>Writes <paramref name="value"/> and returns the bytes written; the span must hold them (10 always suffice).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>The number of bytes <see cref="Write"/> uses for <paramref name="value"/>.</summary>
    public static int Length(ulong value) => value == 0 ? 1 : (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 6) / 7;

    /// <summary>Reads a varint of at most 32 bits at <paramref name="position"/> and moves past it.</summary>
    /// <param name="data">The input.</param>
    /// <param name="position">Where the varint starts; on return, just after it.</param>
    /// <param name="what">What the value is, for the error message (for example "RLE run header").</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ReadUInt32(ReadOnlySpan<byte> data, ref int position, string what)
    {
        var p = position;
        // One-byte varints are the common case (run headers of short runs, small delta headers).
        if ((uint)p < (uint)data.Length && data[p] < 0x80)
        {
            position = p + 1;
            return data[p];
        }
        return ReadUInt32Slow(data, ref position, what);
    }

    private static uint ReadUInt32Slow(ReadOnlySpan<byte> data, ref int position, string what) =>
        (uint)Read(data, ref position, what, 32);

    /// <summary>Reads a varint of at most 64 bits at <paramref name="position"/> and moves past it.</summary>
    public static ulong ReadUInt64(ReadOnlySpan<byte> data, ref int position, string what) =>
        Read(data, ref position, what, 64);

    private static ulong Read(ReadOnlySpan<byte> data, ref int position, string what, int bits)
    {
        var p = position;
        ulong result = 0;
        for (var shift = 0; shift < bits; shift += 7)
        {
            if ((uint)p >= (uint)data.Length)
                EncodingErrors.VarintTruncated(what, position);
            ulong b = data[p++];
            // The last byte may only carry the bits that are left (4 of a 32-bit value, 1 of a 64-bit one).
            if (bits - shift < 7 && b >= 1UL << (bits - shift))
                EncodingErrors.VarintTooLong(what, position, bits);
            result |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                position = p;
                return result;
            }
        }
        EncodingErrors.VarintTooLong(what, position, bits);
        return 0;
    }

    /// <summary>Reads a zigzag-encoded signed 64-bit varint.</summary>
    public static long ReadZigZag64(ReadOnlySpan<byte> data, ref int position, string what) =>
        ZigZagDecode(ReadUInt64(data, ref position, what));

    /// <summary>Maps signed to unsigned so that small magnitudes stay small: 0, -1, 1, -2 → 0, 1, 2, 3.</summary>
    public static ulong ZigZagEncode(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>The inverse of <see cref="ZigZagEncode"/>.</summary>
    public static long ZigZagDecode(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
