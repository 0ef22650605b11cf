using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DatumSync.Modules.Profile.Sketches;

/// <summary>
/// 64-bit hashes for the sketches: a multiply-rotate hash over UTF-8 bytes and a finaliser for fixed-width values.
/// Numbers are hashed by their double value (so a column widened from int64 to double keeps its hashes) and
/// temporal values by their microseconds (so dates widened to timestamps keep theirs).
/// </summary>
public static class ProfileHash
{
    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong P3 = 0x165667B19E3779F9UL;

    /// <summary>Hash of a null value in row hashes.</summary>
    public const ulong Null = 0x6A09E667F3BCC908UL;

    /// <summary>The murmur3 64-bit finaliser: every input bit affects every output bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }

    /// <summary>The inverse of <see cref="Mix"/> (each step of the finaliser is a bijection of 64-bit words).</summary>
    public static ulong Unmix(ulong x)
    {
        x ^= x >> 33;
        x *= 0x9CB4B2F8129337DBUL; // inverse of 0xC4CEB9FE1A85EC53 mod 2^64
        x ^= x >> 33;
        x *= 0x4F74430C22A54005UL; // inverse of 0xFF51AFD7ED558CCD mod 2^64
        x ^= x >> 33;
        return x;
    }

    /// <summary>The number whose <see cref="OfDouble"/> is <paramref name="hash"/> (0 for -0).</summary>
    public static double DoubleOf(ulong hash) => BitConverter.Int64BitsToDouble((long)(Unmix(hash) ^ P3));

    /// <summary>The microseconds whose <see cref="OfMicros"/> is <paramref name="hash"/>.</summary>
    public static long MicrosOf(ulong hash) => (long)(Unmix(hash) ^ P2);

    /// <summary>Hash of a number (by value: -0 and 0 are one value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfDouble(double value) => Mix((ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0d : value) ^ P3);

    /// <summary>Hash of a temporal value in microseconds since the epoch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfMicros(long micros) => Mix((ulong)micros ^ P2);

    /// <summary>Hash of a boolean.</summary>
    public static ulong OfBoolean(bool value) => value ? 0x3C6EF372FE94F82BUL : 0xA54FF53A5F1D36F1UL;

    /// <summary>Hash of UTF-8 bytes.</summary>
    public static ulong OfBytes(ReadOnlySpan<byte> bytes)
    {
        var whole = bytes;
        var h = P3 ^ ((ulong)bytes.Length * P1);
        while (bytes.Length >= 8)
        {
            h = Round(h, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }
        if (bytes.Length > 0)
        {
            // The last 1–7 bytes as a little-endian number, read in at most two overlapping loads (not byte by
            // byte): the overlapping bytes land on the same bit positions, so OR-ing the loads is exact.
            ulong tail;
            var rem = bytes.Length;
            if (whole.Length >= 8)
                tail = BinaryPrimitives.ReadUInt64LittleEndian(whole[^8..]) >> (8 * (8 - rem));
            else if (rem >= 4)
                tail = BinaryPrimitives.ReadUInt32LittleEndian(bytes) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(rem - 4)..]) << (8 * (rem - 4)));
            else
                tail = bytes[0] | ((ulong)bytes[rem >> 1] << (8 * (rem >> 1))) | ((ulong)bytes[rem - 1] << (8 * (rem - 1)));
            h = Round(h, tail);
        }
        return Mix(h);
    }

    /// <summary>Folds a value's hash into a row's hash (order matters: columns are folded in schema order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong row, ulong value) => BitOperations.RotateLeft(row ^ (value * P2), 29) * P1;

    /// <summary>A row's sampling priority: a uniform, reproducible function of its position and the seed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfRow(long row, ulong seed) => Mix(((ulong)row * P1) ^ seed);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong h, ulong k)
    {
        k *= P2;
        k = BitOperations.RotateLeft(k, 31);
        k *= P1;
        h ^= k;
        return BitOperations.RotateLeft(h, 27) * P1 + 0x52DCE729UL;
    }
}
