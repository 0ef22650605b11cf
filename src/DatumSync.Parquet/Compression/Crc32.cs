using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Compression;

/// <summary>
/// The CRC-32 of GZIP trailers (ISO-HDLC: reflected polynomial 0xEDB88320, initial and final value all ones),
/// eight bytes a step with eight tables ("slicing by 8").
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    /// <summary>Table k maps a byte to its CRC contribution when k further zero bytes follow it.</summary>
    private static readonly uint[] Tables = BuildTables();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = ~0u;
        ref var t = ref MemoryMarshal.GetArrayDataReference(Tables);
        while (data.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = At(ref t, 7, low & 0xFF) ^ At(ref t, 6, (low >> 8) & 0xFF) ^ At(ref t, 5, (low >> 16) & 0xFF) ^ At(ref t, 4, low >> 24)
                ^ At(ref t, 3, high & 0xFF) ^ At(ref t, 2, (high >> 8) & 0xFF) ^ At(ref t, 1, (high >> 16) & 0xFF) ^ At(ref t, 0, high >> 24);
            data = data[8..];
        }
        foreach (var b in data)
            crc = At(ref t, 0, (crc ^ b) & 0xFF) ^ (crc >> 8);
        return ~crc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint At(ref uint tables, int table, uint index) => Unsafe.Add(ref tables, (table << 8) + (int)index);

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var bit = 0; bit < 8; bit++)
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            tables[n] = c;
        }
        for (var k = 1; k < 8; k++)
        {
            for (var n = 0; n < 256; n++)
            {
                var previous = tables[((k - 1) << 8) + n];
                tables[(k << 8) + n] = (previous >> 8) ^ tables[previous & 0xFF];
            }
        }
        return tables;
    }
}
