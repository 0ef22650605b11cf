using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// The reader's side of RLE_DICTIONARY: values from a dictionary page (decoded with <see cref="PlainEncoding"/>) looked
/// up by the indices of a data page (decoded with <see cref="RleBitPackedHybrid.DecodeDictionaryIndices"/>, which
/// checks every index against the dictionary size).
/// </summary>
internal static class DictionaryLookup
{
    /// <summary>Writes <c>dictionary[indices[i]]</c> to <c>destination[i]</c>.</summary>
    /// <exception cref="InvalidDataException">An index is outside the dictionary.</exception>
    public static void Gather<T>(ReadOnlySpan<T> dictionary, ReadOnlySpan<int> indices, Span<T> destination)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, indices.Length, nameof(destination));
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if ((uint)index >= (uint)dictionary.Length)
                ThrowIndex(index, i, dictionary.Length);
            destination[i] = dictionary[index];
        }
    }

    /// <summary>
    /// Appends the byte-array entries <paramref name="indices"/> name to <paramref name="values"/> and fills
    /// <paramref name="offsets"/> (<c>indices.Length + 1</c>, starting at the buffer's length before the call), as
    /// <see cref="PlainEncoding.DecodeByteArrays"/> does for PLAIN pages.
    /// </summary>
    /// <param name="dictionaryData">The entries' bytes.</param>
    /// <param name="dictionaryOffsets">The entries' <c>count + 1</c> offsets into <paramref name="dictionaryData"/>.</param>
    /// <param name="indices">Indices into the dictionary.</param>
    /// <param name="offsets">Receives the offsets of the values in <paramref name="values"/>.</param>
    /// <param name="values">Receives the values' bytes.</param>
    /// <exception cref="InvalidDataException">An index is outside the dictionary.</exception>
    public static void GatherByteArrays(ReadOnlySpan<byte> dictionaryData, ReadOnlySpan<int> dictionaryOffsets, ReadOnlySpan<int> indices,
        Span<int> offsets, ByteBuffer values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = PlainEncoding.CheckOffsets(dictionaryData, dictionaryOffsets);
        ArgumentOutOfRangeException.ThrowIfLessThan(offsets.Length, indices.Length + 1, nameof(offsets));
        // Sum first: one reservation, and a bad index found before anything is appended.
        long total = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if ((uint)index >= (uint)count)
                ThrowIndex(index, i, count);
            total += dictionaryOffsets[index + 1] - dictionaryOffsets[index];
        }
        var start = values.WrittenCount;
        if (start + total > Array.MaxLength)
            throw new InvalidOperationException($"{total} bytes of dictionary values do not fit in one buffer after {start} bytes.");
        var target = values.Append((int)total);
        offsets[0] = start;
        var o = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            var from = dictionaryOffsets[index];
            var length = dictionaryOffsets[index + 1] - from;
            dictionaryData.Slice(from, length).CopyTo(target[o..]);
            o += length;
            offsets[i + 1] = start + o;
        }
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowIndex(int index, int position, int count) =>
        EncodingErrors.Corrupt($"RLE_DICTIONARY: index {(uint)index} at value {position} is outside the dictionary of {count} entries.");
}
