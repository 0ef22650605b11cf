using System.Buffers;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY (= 6): the lengths of all values as DELTA_BINARY_PACKED, then all their bytes back to
/// back. Values are in the string column layout: bytes plus <c>count + 1</c> offsets.
/// </summary>
internal static class DeltaLengthByteArray
{
    private const string What = "DELTA_LENGTH_BYTE_ARRAY";

    /// <summary>Appends <c>offsets.Length - 1</c> values: value <c>i</c> is <c>data[offsets[i]..offsets[i + 1]]</c>.</summary>
    public static void Encode(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var count = PlainEncoding.CheckOffsets(data, offsets);
        var lengths = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            Lengths(offsets, lengths);
            DeltaBinaryPacked.Encode(lengths.AsSpan(0, count), output);
            output.Write(data[offsets[0]..offsets[count]]);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    /// <summary>
    /// Decodes <c>offsets.Length - 1</c> values: appends their bytes to <paramref name="values"/> and fills
    /// <paramref name="offsets"/> with their positions in it (<c>offsets[0]</c> is the buffer's length before the
    /// call, as in <see cref="PlainEncoding.DecodeByteArrays"/>). Returns the bytes read.
    /// </summary>
    /// <exception cref="InvalidDataException">The lengths are corrupt, negative, or add up to more bytes than follow them.</exception>
    public static int Decode(ReadOnlySpan<byte> data, Span<int> offsets, ByteBuffer values)
    {
        var start = PlainEncoding.StartOffsets(offsets, values, out var count);
        if (count == 0 && data.IsEmpty)
            return 0;
        // The lengths are decoded into the offsets, then summed in place.
        var lengths = offsets[1..];
        var position = DeltaBinaryPacked.Decode(data, lengths);
        var total = SumLengths(lengths, What);
        if (total > data.Length - position)
            EncodingErrors.Truncated($"{What} values ({count} values after byte {position})", total, data.Length - position);
        values.Write(data.Slice(position, (int)total));
        var end = start;
        for (var i = 0; i < lengths.Length; i++)
        {
            end += lengths[i];
            lengths[i] = end;
        }
        return position + (int)total;
    }

    /// <summary>The value lengths of string-column offsets.</summary>
    internal static void Lengths(ReadOnlySpan<int> offsets, Span<int> lengths)
    {
        for (var i = 0; i + 1 < offsets.Length; i++)
        {
            var length = offsets[i + 1] - offsets[i];
            if (length < 0)
                PlainEncoding.ThrowOffsetsDecrease(i);
            lengths[i] = length;
        }
    }

    /// <summary>The sum of decoded lengths, each checked to be non-negative.</summary>
    internal static long SumLengths(ReadOnlySpan<int> lengths, string what)
    {
        long total = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            var length = lengths[i];
            if (length < 0)
                EncodingErrors.Corrupt($"{what}: value {i} has a negative length ({length}).");
            total += length;
        }
        return total;
    }
}
