using System.Runtime.CompilerServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Seeded 32-bit hashes for the dictionary encoders: integers through a multiply-fold mixer, byte strings read 8
/// bytes at a time, without allocating.
/// </summary>
/// <remarks>
/// The seed is random per process, as for <see cref="HashCode"/>: the values come from users' files, and a fixed
/// hash would let a crafted file make every value collide and the dictionary quadratic. Dictionaries keep insertion
/// order, so the seed never changes what is written.
/// </remarks>
internal static class ValueHash
{
    private const ulong K0 = 0x9E3779B97F4A7C15;
    private const ulong K1 = 0xD6E8FEB86659FD93;

    private static readonly ulong s_seed = (ulong)Random.Shared.NextInt64() | 1;

    /// <summary>The hash of a 64-bit value (32-bit values are widened).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(ulong value) => Fold(Mix(value ^ s_seed, K0));

    /// <summary>The hash of a byte string.</summary>
    public static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        var h = s_seed ^ ((ulong)length * K1);
        ref var p = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes);
        if (length >= 8)
        {
            var i = 0;
            for (; i + 8 < length; i += 8)
                h = Mix(h ^ BitPacking.Read64(ref p, i), K0);
            // The last 8 bytes, overlapping what came before when the length is not a multiple of 8.
            h = Mix(h ^ BitPacking.Read64(ref p, length - 8), K1);
        }
        else if (length >= 4)
        {
            var low = Unsafe.ReadUnaligned<uint>(ref p);
            var high = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, length - 4));
            h = Mix(h ^ (low | ((ulong)high << 32)), K1);
        }
        else if (length > 0)
        {
            var v = p | ((uint)Unsafe.Add(ref p, length >> 1) << 8) | ((uint)Unsafe.Add(ref p, length - 1) << 16);
            h = Mix(h ^ v, K1);
        }
        return Fold(Mix(h, K0));
    }

    /// <summary>A 64×64→128-bit multiply folded back to 64 bits: every input bit reaches the middle bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        return high ^ low;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fold(ulong h) => (uint)(h ^ (h >> 32));
}
