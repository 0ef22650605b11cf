using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT (= 9) for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY: byte <c>j</c> of every value goes
/// to stream <c>j</c>, and the streams follow one another. The size is unchanged; compression afterwards gains.
/// </summary>
/// <remarks>
/// Not one of the writer's default choices; here so that files from writers asked to use it (pyarrow's
/// <c>use_byte_stream_split</c>, for one) can be read. Values are taken in their little-endian byte order, as PLAIN
/// stores them.
/// </remarks>
internal static class ByteStreamSplit
{
    /// <summary>Appends fixed-width values, byte-stream split.</summary>
    public static void Encode<T>(ReadOnlySpan<T> values, ByteBuffer output)
        where T : unmanaged =>
        Encode(MemoryMarshal.AsBytes(values), Unsafe.SizeOf<T>(), output);

    /// <summary>Appends values of <paramref name="width"/> bytes given back to back in <paramref name="values"/>, byte-stream split.</summary>
    public static void Encode(ReadOnlySpan<byte> values, int width, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Length % width != 0)
            throw new ArgumentException($"{values.Length} bytes are not a whole number of {width}-byte values.", nameof(values));
        var count = values.Length / width;
        var streams = output.Append(values.Length);
        for (var j = 0; j < width; j++)
        {
            var stream = streams.Slice(j * count, count);
            for (var i = 0; i < stream.Length; i++)
                stream[i] = values[i * width + j];
        }
    }

    /// <summary>Decodes <c>destination.Length</c> fixed-width values and returns the bytes read.</summary>
    public static int Decode<T>(ReadOnlySpan<byte> data, Span<T> destination)
        where T : unmanaged =>
        Decode(data, Unsafe.SizeOf<T>(), MemoryMarshal.AsBytes(destination));

    /// <summary>
    /// Decodes <c>destination.Length / width</c> values of <paramref name="width"/> bytes into
    /// <paramref name="destination"/>, back to back, and returns the bytes read.
    /// </summary>
    /// <exception cref="InvalidDataException">The data holds fewer than <c>destination.Length</c> bytes.</exception>
    public static int Decode(ReadOnlySpan<byte> data, int width, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (destination.Length % width != 0)
            throw new ArgumentException($"{destination.Length} bytes are not a whole number of {width}-byte values.", nameof(destination));
        var count = destination.Length / width;
        if (data.Length < destination.Length)
            EncodingErrors.Truncated($"BYTE_STREAM_SPLIT ({count} values of {width} bytes)", destination.Length, data.Length);
        for (var j = 0; j < width; j++)
        {
            var stream = data.Slice(j * count, count);
            for (var i = 0; i < stream.Length; i++)
                destination[i * width + j] = stream[i];
        }
        return destination.Length;
    }
}
