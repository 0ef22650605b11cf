namespace DatumSync.Parquet.Tests.Encodings;

/// <summary>
/// Bit packing done one bit at a time, straight from the spec's wording ("packed from the least significant bit of
/// each byte"): the oracle the fast implementation is compared with.
/// </summary>
internal static class ReferenceBits
{
    public static byte[] Pack(IReadOnlyList<ulong> values, int bitWidth)
    {
        var bytes = new byte[(values.Count * bitWidth + 7) / 8];
        var bit = 0;
        foreach (var value in values)
        {
            for (var b = 0; b < bitWidth; b++, bit++)
            {
                if (((value >> b) & 1) != 0)
                    bytes[bit / 8] |= (byte)(1 << (bit % 8));
            }
        }
        return bytes;
    }

    public static ulong[] Unpack(ReadOnlySpan<byte> bytes, int bitWidth, int count)
    {
        var values = new ulong[count];
        var bit = 0;
        for (var i = 0; i < count; i++)
        {
            for (var b = 0; b < bitWidth; b++, bit++)
            {
                if ((bytes[bit / 8] & (1 << (bit % 8))) != 0)
                    values[i] |= 1UL << b;
            }
        }
        return values;
    }

    /// <summary>Random values of exactly <paramref name="bitWidth"/> bits at most, with the extremes mixed in.</summary>
    public static ulong[] RandomValues(Random random, int count, int bitWidth)
    {
        var max = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        var values = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (i % 7) switch
            {
                0 => max,
                1 => 0,
                _ => (ulong)random.NextInt64() << 1 ^ (ulong)random.Next(2),
            } & max;
        }
        return values;
    }
}
