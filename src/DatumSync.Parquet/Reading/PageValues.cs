using System.Buffers;
using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Reading;

/// <summary>Decoded physical values of a page or of a dictionary: one array family is in use, by physical type.</summary>
internal sealed class PageValues : IDisposable
{
    public bool[] Booleans = [];
    public int[] Int32s = [];
    public long[] Int64s = [];
    public float[] Floats = [];
    public double[] Doubles = [];
    public Int96[] Int96s = [];
    public int[] Offsets = [0];
    public ByteBuffer Bytes { get; } = new();
    public byte[] Fixed = [];
    public int Count;

    /// <summary>Makes room for <paramref name="count"/> values of the array family in use and forgets old ones.</summary>
    public static void Ensure<T>(ref T[] array, int count)
    {
        if (array.Length >= count)
            return;
        // Only rented arrays (never shorter than 16) go back to the pool.
        if (array.Length >= 16)
            ArrayPool<T>.Shared.Return(array);
        array = ArrayPool<T>.Shared.Rent(count);
    }

    public ReadOnlySpan<byte> ByteArray(int i) => Bytes.WrittenSpan[Offsets[i]..Offsets[i + 1]];

    public void Dispose()
    {
        Return(ref Booleans);
        Return(ref Int32s);
        Return(ref Int64s);
        Return(ref Floats);
        Return(ref Doubles);
        Return(ref Int96s);
        Return(ref Fixed);
        if (Offsets.Length >= 16)
            ArrayPool<int>.Shared.Return(Offsets);
        Offsets = [0];
        Bytes.Dispose();
    }

    private static void Return<T>(ref T[] array)
    {
        if (array.Length >= 16)
            ArrayPool<T>.Shared.Return(array);
        array = [];
    }
}
