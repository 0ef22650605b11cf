using System.Buffers;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// DELTA_BYTE_ARRAY (= 7), incremental or front coding: for each value the length of the prefix it shares with the
/// previous value (DELTA_BINARY_PACKED), then the rest of each value as DELTA_LENGTH_BYTE_ARRAY. For BYTE_ARRAY and
/// FIXED_LEN_BYTE_ARRAY; values are in the string column layout.
/// </summary>
/// <remarks>
/// Decoded values can be far larger than the data (each value may repeat most of the previous one), so the total is
/// computed and checked against <c>maxValueBytes</c> before anything is copied. FIXED_LEN_BYTE_ARRAY readers check
/// that every decoded length is the type length.
/// </remarks>
internal static class DeltaByteArray
{
    private const string What = "DELTA_BYTE_ARRAY";

    /// <summary>Appends <c>offsets.Length - 1</c> values: value <c>i</c> is <c>data[offsets[i]..offsets[i + 1]]</c>.</summary>
    public static void Encode(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var count = PlainEncoding.CheckOffsets(data, offsets);
        var prefixes = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        var suffixes = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            DeltaLengthByteArray.Lengths(offsets, suffixes);
            var previous = ReadOnlySpan<byte>.Empty;
            for (var i = 0; i < count; i++)
            {
                var value = data.Slice(offsets[i], suffixes[i]);
                var prefix = previous.CommonPrefixLength(value);
                prefixes[i] = prefix;
                suffixes[i] -= prefix;
                previous = value;
            }
            DeltaBinaryPacked.Encode(prefixes.AsSpan(0, count), output);
            DeltaBinaryPacked.Encode(suffixes.AsSpan(0, count), output);
            for (var i = 0; i < count; i++)
                output.Write(data.Slice(offsets[i] + prefixes[i], suffixes[i]));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(prefixes);
            ArrayPool<int>.Shared.Return(suffixes);
        }
    }

    /// <summary>
    /// Decodes <c>offsets.Length - 1</c> values: appends their bytes to <paramref name="values"/> and fills
    /// <paramref name="offsets"/> with their positions in it (<c>offsets[0]</c> is the buffer's length before the
    /// call, as in <see cref="PlainEncoding.DecodeByteArrays"/>). Returns the bytes read.
    /// </summary>
    /// <param name="data">The encoded values.</param>
    /// <param name="offsets">Receives <c>count + 1</c> offsets.</param>
    /// <param name="values">Receives the values' bytes.</param>
    /// <param name="maxValueBytes">The most bytes the values may take together; more is treated as corrupt data.</param>
    /// <exception cref="InvalidDataException">The data is corrupt: a prefix longer than the previous value, a
    /// negative length, suffixes running past the data, or values over <paramref name="maxValueBytes"/>.</exception>
    public static int Decode(ReadOnlySpan<byte> data, Span<int> offsets, ByteBuffer values, long maxValueBytes = int.MaxValue)
    {
        var start = PlainEncoding.StartOffsets(offsets, values, out var count);
        if (count == 0 && data.IsEmpty)
            return 0;
        var prefixes = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var prefix = prefixes.AsSpan(0, count);
            var position = DeltaBinaryPacked.Decode(data, prefix);
            // The suffix lengths are decoded into the offsets, then replaced by the offsets.
            var suffix = offsets[1..];
            position += DeltaBinaryPacked.Decode(data[position..], suffix);
            var suffixBytes = DeltaLengthByteArray.SumLengths(suffix, What);
            if (suffixBytes > data.Length - position)
                EncodingErrors.Truncated($"{What} suffixes ({count} values after byte {position})", suffixBytes, data.Length - position);

            // Check every prefix and the total before copying anything.
            long total = 0;
            var previous = 0;
            for (var i = 0; i < count; i++)
            {
                var p = prefix[i];
                if ((uint)p > (uint)previous)
                    EncodingErrors.Corrupt($"{What}: value {i} shares a prefix of {p} bytes with a previous value of {previous} bytes.");
                previous = p + suffix[i];
                total += previous;
            }
            if (total > maxValueBytes)
                EncodingErrors.Corrupt($"{What}: {count} values would take {total} bytes, over the limit of {maxValueBytes}.");
            if (start + total > Array.MaxLength)
                throw new InvalidOperationException($"{What}: {total} more bytes of values do not fit in one buffer of {start} bytes.");
            values.EnsureCapacity((int)total);

            var at = position;
            var previousStart = start;
            for (var i = 0; i < count; i++)
            {
                var p = prefix[i];
                var s = suffix[i];
                var valueStart = values.WrittenCount;
                var target = values.Append(p + s);
                // No growth happens here (capacity was ensured), so the previous value is in the same array.
                values.WrittenSpan.Slice(previousStart, p).CopyTo(target);
                data.Slice(at, s).CopyTo(target[p..]);
                at += s;
                previousStart = valueStart;
                suffix[i] = values.WrittenCount;
            }
            return at;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(prefixes);
        }
    }
}
