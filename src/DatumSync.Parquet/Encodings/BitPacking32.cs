using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Packing and unpacking of whole groups of eight 32-bit values, specialised per bit width.
/// </summary>
/// <remarks>
/// Each width is a struct type argument (<see cref="IBitWidth"/>), so the JIT compiles one copy of the group loop
/// per width in which every value's byte offset, shift and mask is a constant: unpacking a value is one unaligned
/// load, a shift and a mask, and packing a group is a handful of shifts and ORs into at most four words. Measured
/// against one loop taking the width as a variable (the same unaligned load per value), unpacking 1,000,000 values
/// of 10 bits takes 230 against 655 µs (<c>bench/results/parquet-encodings.md</c>). Both methods take whole groups
/// only; <see cref="BitPacking"/> handles partial groups and argument checks.
/// </remarks>
internal static class BitPacking32
{
    /// <summary>Packs <c>values.Length / 8</c> groups; <paramref name="packed"/> is exactly <c>groups * bitWidth</c> bytes.</summary>
    public static void PackGroups(ReadOnlySpan<int> values, int bitWidth, Span<byte> packed)
    {
        Debug.Assert((values.Length & 7) == 0 && packed.Length == (values.Length >> 3) * bitWidth);
        switch (bitWidth)
        {
            case 1: Pack<W1>(values, packed); break;
            case 2: Pack<W2>(values, packed); break;
            case 3: Pack<W3>(values, packed); break;
            case 4: Pack<W4>(values, packed); break;
            case 5: Pack<W5>(values, packed); break;
            case 6: Pack<W6>(values, packed); break;
            case 7: Pack<W7>(values, packed); break;
            case 8: Pack<W8>(values, packed); break;
            case 9: Pack<W9>(values, packed); break;
            case 10: Pack<W10>(values, packed); break;
            case 11: Pack<W11>(values, packed); break;
            case 12: Pack<W12>(values, packed); break;
            case 13: Pack<W13>(values, packed); break;
            case 14: Pack<W14>(values, packed); break;
            case 15: Pack<W15>(values, packed); break;
            case 16: Pack<W16>(values, packed); break;
            case 17: Pack<W17>(values, packed); break;
            case 18: Pack<W18>(values, packed); break;
            case 19: Pack<W19>(values, packed); break;
            case 20: Pack<W20>(values, packed); break;
            case 21: Pack<W21>(values, packed); break;
            case 22: Pack<W22>(values, packed); break;
            case 23: Pack<W23>(values, packed); break;
            case 24: Pack<W24>(values, packed); break;
            case 25: Pack<W25>(values, packed); break;
            case 26: Pack<W26>(values, packed); break;
            case 27: Pack<W27>(values, packed); break;
            case 28: Pack<W28>(values, packed); break;
            case 29: Pack<W29>(values, packed); break;
            case 30: Pack<W30>(values, packed); break;
            case 31: Pack<W31>(values, packed); break;
            case 32: Pack<W32>(values, packed); break;
            default: throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "The bit width must be 1 to 32.");
        }
    }

    /// <summary>
    /// Unpacks <c>values.Length / 8</c> groups from the first <c>groups * bitWidth</c> bytes of
    /// <paramref name="packed"/>. Bytes after those may follow: they are read (never used) so that more groups take
    /// the direct path.
    /// </summary>
    public static void UnpackGroups(ReadOnlySpan<byte> packed, int bitWidth, Span<int> values)
    {
        Debug.Assert((values.Length & 7) == 0 && packed.Length >= (values.Length >> 3) * bitWidth);
        switch (bitWidth)
        {
            case 1: Unpack<W1>(packed, values); break;
            case 2: Unpack<W2>(packed, values); break;
            case 3: Unpack<W3>(packed, values); break;
            case 4: Unpack<W4>(packed, values); break;
            case 5: Unpack<W5>(packed, values); break;
            case 6: Unpack<W6>(packed, values); break;
            case 7: Unpack<W7>(packed, values); break;
            case 8: Unpack<W8>(packed, values); break;
            case 9: Unpack<W9>(packed, values); break;
            case 10: Unpack<W10>(packed, values); break;
            case 11: Unpack<W11>(packed, values); break;
            case 12: Unpack<W12>(packed, values); break;
            case 13: Unpack<W13>(packed, values); break;
            case 14: Unpack<W14>(packed, values); break;
            case 15: Unpack<W15>(packed, values); break;
            case 16: Unpack<W16>(packed, values); break;
            case 17: Unpack<W17>(packed, values); break;
            case 18: Unpack<W18>(packed, values); break;
            case 19: Unpack<W19>(packed, values); break;
            case 20: Unpack<W20>(packed, values); break;
            case 21: Unpack<W21>(packed, values); break;
            case 22: Unpack<W22>(packed, values); break;
            case 23: Unpack<W23>(packed, values); break;
            case 24: Unpack<W24>(packed, values); break;
            case 25: Unpack<W25>(packed, values); break;
            case 26: Unpack<W26>(packed, values); break;
            case 27: Unpack<W27>(packed, values); break;
            case 28: Unpack<W28>(packed, values); break;
            case 29: Unpack<W29>(packed, values); break;
            case 30: Unpack<W30>(packed, values); break;
            case 31: Unpack<W31>(packed, values); break;
            case 32: Unpack<W32>(packed, values); break;
            default: throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "The bit width must be 1 to 32.");
        }
    }

    private static void Unpack<TW>(ReadOnlySpan<byte> packed, Span<int> values)
        where TW : struct, IBitWidth
    {
        var w = TW.Value;
        var groups = values.Length >> 3;
        ref var src = ref MemoryMarshal.GetReference(packed);
        ref var dst = ref MemoryMarshal.GetReference(values);
        // A group reads 8 bytes at its last value's byte offset; groups whose reads stay inside the input go direct.
        var lastRead = ((7 * w) >> 3) + 8;
        var direct = packed.Length < lastRead ? 0 : Math.Min(groups, (packed.Length - lastRead) / w + 1);
        var g = 0;
        for (; g < direct; g++)
        {
            Unpack8<TW>(ref src, ref dst);
            src = ref Unsafe.Add(ref src, w);
            dst = ref Unsafe.Add(ref dst, 8);
        }
        if (g < groups)
        {
            Span<byte> padded = stackalloc byte[40];
            padded.Clear();
            ref var p = ref MemoryMarshal.GetReference(padded);
            for (; g < groups; g++)
            {
                MemoryMarshal.CreateReadOnlySpan(ref src, w).CopyTo(padded);
                Unpack8<TW>(ref p, ref dst);
                src = ref Unsafe.Add(ref src, w);
                dst = ref Unsafe.Add(ref dst, 8);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unpack8<TW>(ref byte s, ref int d)
        where TW : struct, IBitWidth
    {
        var w = TW.Value;
        var mask = w == 32 ? uint.MaxValue : (1u << w) - 1;
        if (w <= 8)
        {
            // The whole group is one word.
            var word = BitPacking.Read64(ref s, 0);
            d = (int)((uint)word & mask);
            Unsafe.Add(ref d, 1) = (int)((uint)(word >> w) & mask);
            Unsafe.Add(ref d, 2) = (int)((uint)(word >> (2 * w)) & mask);
            Unsafe.Add(ref d, 3) = (int)((uint)(word >> (3 * w)) & mask);
            Unsafe.Add(ref d, 4) = (int)((uint)(word >> (4 * w)) & mask);
            Unsafe.Add(ref d, 5) = (int)((uint)(word >> (5 * w)) & mask);
            Unsafe.Add(ref d, 6) = (int)((uint)(word >> (6 * w)) & mask);
            Unsafe.Add(ref d, 7) = (int)((uint)(word >> (7 * w)) & mask);
        }
        else
        {
            d = (int)((uint)BitPacking.Read64(ref s, 0) & mask);
            Unsafe.Add(ref d, 1) = Extract(ref s, w, mask);
            Unsafe.Add(ref d, 2) = Extract(ref s, 2 * w, mask);
            Unsafe.Add(ref d, 3) = Extract(ref s, 3 * w, mask);
            Unsafe.Add(ref d, 4) = Extract(ref s, 4 * w, mask);
            Unsafe.Add(ref d, 5) = Extract(ref s, 5 * w, mask);
            Unsafe.Add(ref d, 6) = Extract(ref s, 6 * w, mask);
            Unsafe.Add(ref d, 7) = Extract(ref s, 7 * w, mask);
        }
    }

    /// <summary>The value at bit <paramref name="bit"/>: at most 7 + 32 bits, so one 64-bit read holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Extract(ref byte s, int bit, uint mask) =>
        (int)((uint)(BitPacking.Read64(ref s, bit >> 3) >> (bit & 7)) & mask);

    private static void Pack<TW>(ReadOnlySpan<int> values, Span<byte> packed)
        where TW : struct, IBitWidth
    {
        var w = TW.Value;
        var groups = values.Length >> 3;
        ref var src = ref MemoryMarshal.GetReference(values);
        ref var dst = ref MemoryMarshal.GetReference(packed);
        // A group stores whole words (zeros past its w bytes, overwritten by the next group); groups whose stores
        // stay inside the output go direct.
        var stored = (w + 7) & ~7;
        var direct = packed.Length < stored ? 0 : Math.Min(groups, (packed.Length - stored) / w + 1);
        var g = 0;
        for (; g < direct; g++)
        {
            Pack8<TW>(ref src, ref dst);
            src = ref Unsafe.Add(ref src, 8);
            dst = ref Unsafe.Add(ref dst, w);
        }
        if (g < groups)
        {
            Span<byte> padded = stackalloc byte[32];
            ref var p = ref MemoryMarshal.GetReference(padded);
            for (; g < groups; g++)
            {
                Pack8<TW>(ref src, ref p);
                padded[..w].CopyTo(MemoryMarshal.CreateSpan(ref dst, w));
                src = ref Unsafe.Add(ref src, 8);
                dst = ref Unsafe.Add(ref dst, w);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pack8<TW>(ref int s, ref byte d)
        where TW : struct, IBitWidth
    {
        var w = TW.Value;
        ulong a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        Put<TW>(0, s, ref a0, ref a1, ref a2, ref a3);
        Put<TW>(1, Unsafe.Add(ref s, 1), ref a0, ref a1, ref a2, ref a3);
        Put<TW>(2, Unsafe.Add(ref s, 2), ref a0, ref a1, ref a2, ref a3);
        Put<TW>(3, Unsafe.Add(ref s, 3), ref a0, ref a1, ref a2, ref a3);
        Put<TW>(4, Unsafe.Add(ref s, 4), ref a0, ref a1, ref a2, ref a3);
        Put<TW>(5, Unsafe.Add(ref s, 5), ref a0, ref a1, ref a2, ref a3);
        Put<TW>(6, Unsafe.Add(ref s, 6), ref a0, ref a1, ref a2, ref a3);
        Put<TW>(7, Unsafe.Add(ref s, 7), ref a0, ref a1, ref a2, ref a3);
        BitPacking.Write64(ref d, 0, a0);
        if (w > 8)
            BitPacking.Write64(ref d, 8, a1);
        if (w > 16)
            BitPacking.Write64(ref d, 16, a2);
        if (w > 24)
            BitPacking.Write64(ref d, 24, a3);
    }

    /// <summary>ORs value <paramref name="i"/> of a group into the words it covers (all constants once inlined).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TW>(int i, int value, ref ulong a0, ref ulong a1, ref ulong a2, ref ulong a3)
        where TW : struct, IBitWidth
    {
        var w = TW.Value;
        var v = (ulong)(w == 32 ? (uint)value : (uint)value & ((1u << w) - 1));
        var bit = i * w;
        var word = bit >> 6;
        var shift = bit & 63;
        var low = v << shift;
        // The part that spills into the next word (none when the value ends inside this one).
        var high = shift + w > 64 ? v >> (64 - shift) : 0;
        switch (word)
        {
            case 0:
                a0 |= low;
                a1 |= high;
                break;
            case 1:
                a1 |= low;
                a2 |= high;
                break;
            case 2:
                a2 |= low;
                a3 |= high;
                break;
            default:
                a3 |= low;
                break;
        }
    }

    /// <summary>A bit width as a type, so that generic code is compiled once per width with the width a constant.</summary>
    private interface IBitWidth
    {
        static abstract int Value { get; }
    }

    private readonly struct W1 : IBitWidth { public static int Value => 1; }
    private readonly struct W2 : IBitWidth { public static int Value => 2; }
    private readonly struct W3 : IBitWidth { public static int Value => 3; }
    private readonly struct W4 : IBitWidth { public static int Value => 4; }
    private readonly struct W5 : IBitWidth { public static int Value => 5; }
    private readonly struct W6 : IBitWidth { public static int Value => 6; }
    private readonly struct W7 : IBitWidth { public static int Value => 7; }
    private readonly struct W8 : IBitWidth { public static int Value => 8; }
    private readonly struct W9 : IBitWidth { public static int Value => 9; }
    private readonly struct W10 : IBitWidth { public static int Value => 10; }
    private readonly struct W11 : IBitWidth { public static int Value => 11; }
    private readonly struct W12 : IBitWidth { public static int Value => 12; }
    private readonly struct W13 : IBitWidth { public static int Value => 13; }
    private readonly struct W14 : IBitWidth { public static int Value => 14; }
    private readonly struct W15 : IBitWidth { public static int Value => 15; }
    private readonly struct W16 : IBitWidth { public static int Value => 16; }
    private readonly struct W17 : IBitWidth { public static int Value => 17; }
    private readonly struct W18 : IBitWidth { public static int Value => 18; }
    private readonly struct W19 : IBitWidth { public static int Value => 19; }
    private readonly struct W20 : IBitWidth { public static int Value => 20; }
    private readonly struct W21 : IBitWidth { public static int Value => 21; }
    private readonly struct W22 : IBitWidth { public static int Value => 22; }
    private readonly struct W23 : IBitWidth { public static int Value => 23; }
    private readonly struct W24 : IBitWidth { public static int Value => 24; }
    private readonly struct W25 : IBitWidth { public static int Value => 25; }
    private readonly struct W26 : IBitWidth { public static int Value => 26; }
    private readonly struct W27 : IBitWidth { public static int Value => 27; }
    private readonly struct W28 : IBitWidth { public static int Value => 28; }
    private readonly struct W29 : IBitWidth { public static int Value => 29; }
    private readonly struct W30 : IBitWidth { public static int Value => 30; }
    private readonly struct W31 : IBitWidth { public static int Value => 31; }
    private readonly struct W32 : IBitWidth { public static int Value => 32; }
}
