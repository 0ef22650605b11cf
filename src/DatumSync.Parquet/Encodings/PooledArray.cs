using System.Buffers;

namespace DatumSync.Parquet.Encodings;

/// <summary>Growth of arrays rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
internal static class PooledArray
{
    /// <summary>
    /// Rents an array of at least <paramref name="size"/> items, copies the first <paramref name="used"/> items of
    /// <paramref name="array"/> into it and returns <paramref name="array"/> to the pool (unless it is the empty start).
    /// </summary>
    public static TItem[] Grow<TItem>(TItem[] array, int size, int used)
    {
        var next = ArrayPool<TItem>.Shared.Rent(size);
        array.AsSpan(0, used).CopyTo(next);
        if (array.Length != 0)
            ArrayPool<TItem>.Shared.Return(array);
        return next;
    }
}
