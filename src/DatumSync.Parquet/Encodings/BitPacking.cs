using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Bit packing as the RLE/bit-packed hybrid and DELTA_BINARY_PACKED use it: values of <c>bitWidth</c> bits back to
/// back, least significant bit first (value 0 in the low bits of byte 0), the last byte padded with zero bits.
/// </summary>
/// <remarks>
/// <para>
/// Eight values of width <c>w</c> fill exactly <c>w</c> bytes, so both directions work a group of 8 at a time. Widths
/// 1 to 32 of 32-bit values go through code specialised per width (<see cref="BitPacking32"/>: the JIT folds each
/// value's byte offset, shift and mask into constants); 64-bit values, used by DELTA_BINARY_PACKED only, take the
/// general loops, which read one unaligned 64-bit word per value.
/// </para>
/// <para>
/// Arguments are trusted to be consistent only after the checks at the entry points: the packed span must hold
/// <see cref="ByteCount"/> bytes, and values to pack must fit the width (higher bits are masked off, never spilled
/// into a neighbour). Decoders validate widths and lengths against the input first and throw
/// <see cref="InvalidDataException"/>; a wrong argument here is a bug and throws <see cref="ArgumentException"/>.
/// </para>
/// </remarks>
internal static class BitPacking
{
    /// <summary>The bits needed for values up to <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(uint maxValue) => 32 - BitOperations.LeadingZeroCount(maxValue);

    /// <summary>The bits needed for values up to <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(ulong maxValue) => 64 - BitOperations.LeadingZeroCount(maxValue);

    /// <summary>The bytes <paramref name="count"/> values of <paramref name="bitWidth"/> bits take, rounded up.</summary>
    public static long ByteCount(long count, int bitWidth) => (count * bitWidth + 7) >> 3;

    /// <summary>
    /// Packs <paramref name="values"/> into the first <see cref="ByteCount"/> bytes of <paramref name="destination"/>
    /// and returns that count. Only the low <paramref name="bitWidth"/> (0 to 32) bits of each value are used.
    /// </summary>
    public static int Pack(ReadOnlySpan<int> values, int bitWidth, Span<byte> destination)
    {
        CheckWidth(bitWidth, 32);
        var bytes = (int)ByteCount(values.Length, bitWidth);
        if (destination.Length < bytes)
            ThrowTooShort(nameof(destination), bytes, destination.Length);
        if (bitWidth == 0)
            return 0;
        var groups = values.Length >> 3;
        var full = groups * bitWidth;
        BitPacking32.PackGroups(values[..(groups << 3)], bitWidth, destination[..full]);
        var rest = values.Length & 7;
        if (rest != 0)
        {
            // Pad the last group with zero values so its unused bits are zero.
            Span<int> last = stackalloc int[8];
            last.Clear();
            values[(groups << 3)..].CopyTo(last);
            Span<byte> packed = stackalloc byte[32];
            BitPacking32.PackGroups(last, bitWidth, packed);
            packed[..(bytes - full)].CopyTo(destination[full..]);
        }
        return bytes;
    }

    /// <summary>
    /// Unpacks <c>destination.Length</c> values of <paramref name="bitWidth"/> (0 to 32) bits from
    /// <paramref name="packed"/>, which must hold at least <see cref="ByteCount"/> bytes. Width 32 yields the bits as
    /// they are (negative ints for values of 2^31 and above).
    /// </summary>
    public static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, Span<int> destination)
    {
        CheckWidth(bitWidth, 32);
        var bytes = ByteCount(destination.Length, bitWidth);
        if (packed.Length < bytes)
            ThrowTooShort(nameof(packed), bytes, packed.Length);
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }
        var groups = destination.Length >> 3;
        var full = groups * bitWidth;
        // The whole input goes in: bytes past the last full group let it be read directly.
        BitPacking32.UnpackGroups(packed, bitWidth, destination[..(groups << 3)]);
        var rest = destination.Length & 7;
        if (rest != 0)
        {
            Span<byte> last = stackalloc byte[32];
            last.Clear();
            packed[full..(int)bytes].CopyTo(last);
            Span<int> values = stackalloc int[8];
            BitPacking32.UnpackGroups(last[..bitWidth], bitWidth, values);
            values[..rest].CopyTo(destination[(groups << 3)..]);
        }
    }

    /// <summary>
    /// Unpacks <c>destination.Length</c> values of <paramref name="bitWidth"/> (0 to 32) bits starting at value
    /// index <paramref name="firstIndex"/> of <paramref name="packed"/>, which must hold the bits of every value read.
    /// For decoders that resume inside a group.
    /// </summary>
    public static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, Span<int> destination, int firstIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        CheckWidth(bitWidth, 32);
        var groupStart = (firstIndex >> 3) * bitWidth;
        var offset = firstIndex & 7;
        if (offset != 0 && !destination.IsEmpty)
        {
            // Finish the group the previous call stopped in.
            var head = Math.Min(8 - offset, destination.Length);
            var count = offset + head;
            Span<int> group = stackalloc int[8];
            Unpack(packed[groupStart..], bitWidth, group[..count]);
            group[offset..count].CopyTo(destination);
            destination = destination[head..];
            groupStart += bitWidth;
        }
        Unpack(packed[Math.Min(groupStart, packed.Length)..], bitWidth, destination);
    }

    /// <summary>
    /// Packs 64-bit <paramref name="values"/> into the first <see cref="ByteCount"/> bytes of
    /// <paramref name="destination"/> and returns that count. Only the low <paramref name="bitWidth"/> (0 to 64) bits
    /// of each value are used.
    /// </summary>
    public static int Pack(ReadOnlySpan<long> values, int bitWidth, Span<byte> destination)
    {
        CheckWidth(bitWidth, 64);
        var bytes = (int)ByteCount(values.Length, bitWidth);
        if (destination.Length < bytes)
            ThrowTooShort(nameof(destination), bytes, destination.Length);
        if (bitWidth == 0)
            return 0;
        var mask = Mask64(bitWidth);
        // A 64-bit accumulator: bits below `bits` are pending; whole words are stored as they fill.
        ulong acc = 0;
        var bits = 0;
        var o = 0;
        foreach (var value in values)
        {
            var v = (ulong)value & mask;
            acc |= v << bits;
            var next = bits + bitWidth;
            if (next >= 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(o, 8), acc);
                o += 8;
                // Shifting by 64 is a no-op in C#, so a value that started the word leaves nothing over.
                acc = bits == 0 ? 0 : v >> (64 - bits);
                next -= 64;
            }
            bits = next;
        }
        for (; bits > 0; bits -= 8, acc >>= 8)
            destination[o++] = (byte)acc;
        Debug.Assert(o == bytes);
        return bytes;
    }

    /// <summary>
    /// Unpacks <c>destination.Length</c> 64-bit values of <paramref name="bitWidth"/> (0 to 64) bits from
    /// <paramref name="packed"/>, starting at value index <paramref name="firstIndex"/> of the packed sequence.
    /// <paramref name="packed"/> must hold the bits of every value read.
    /// </summary>
    public static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, Span<long> destination, int firstIndex = 0)
    {
        CheckWidth(bitWidth, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        var bytes = ByteCount((long)firstIndex + destination.Length, bitWidth);
        if (packed.Length < bytes)
            ThrowTooShort(nameof(packed), bytes, packed.Length);
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }
        var mask = Mask64(bitWidth);
        ref var src = ref MemoryMarshal.GetReference(packed);
        var bit = (long)firstIndex * bitWidth;
        // Values whose bits lie in a word that can be read whole (plus one byte for widths over 56, whose bits may
        // straddle nine bytes) take the fast path; the last few go through a zero-padded copy.
        var i = 0;
        var safeEnd = (long)packed.Length - 9;
        for (; i < destination.Length && (bit >> 3) <= safeEnd; i++, bit += bitWidth)
            destination[i] = (long)(Read64Straddling(ref src, (nint)(bit >> 3), (int)(bit & 7), bitWidth) & mask);
        if (i < destination.Length)
        {
            var start = bit >> 3;
            Span<byte> tail = stackalloc byte[24];
            tail.Clear();
            packed[(int)start..(int)bytes].CopyTo(tail);
            ref var t = ref MemoryMarshal.GetReference(tail);
            var local = bit & 7;
            for (; i < destination.Length; i++, local += bitWidth)
                destination[i] = (long)(Read64Straddling(ref t, (nint)(local >> 3), (int)(local & 7), bitWidth) & mask);
        }
    }

    /// <summary>The 64 bits from bit <paramref name="shift"/> of byte <paramref name="offset"/> on (nine bytes readable).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read64Straddling(ref byte src, nint offset, int shift, int bitWidth)
    {
        var word = Read64(ref src, offset) >> shift;
        if (shift + bitWidth > 64)
            word |= (ulong)Unsafe.Add(ref src, offset + 8) << (64 - shift);
        return word;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Read64(ref byte src, nint offset)
    {
        var v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, offset));
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Write64(ref byte dst, nint offset, ulong value)
    {
        if (!BitConverter.IsLittleEndian)
            value = BinaryPrimitives.ReverseEndianness(value);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, offset), value);
    }

    /// <summary>The low <paramref name="bitWidth"/> bits set (all for 64).</summary>
    public static ulong Mask64(int bitWidth) => bitWidth >= 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;

    private static void CheckWidth(int bitWidth, int max)
    {
        if ((uint)bitWidth > (uint)max)
            ThrowWidth(bitWidth, max);
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowWidth(int bitWidth, int max) =>
        throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, $"The bit width must be 0 to {max}.");

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowTooShort(string name, long needed, int length) =>
        throw new ArgumentException($"Needs {needed} bytes, has {length}.", name);
}
