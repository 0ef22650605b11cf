using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED (= 5) for INT32 and INT64, and the lengths inside DELTA_LENGTH_BYTE_ARRAY and
/// DELTA_BYTE_ARRAY: a header (block size, miniblocks per block, value count, first value), then blocks of deltas,
/// each a zigzag minimum delta, one bit-width byte per miniblock and the miniblocks' bit-packed deltas above the
/// minimum.
/// </summary>
/// <remarks>
/// <para>
/// Deltas wrap in two's complement at the physical width: INT32 values are differenced in 32-bit arithmetic, so a
/// miniblock never needs more than 32 bits (the spec requires it) even when <c>int.MaxValue - int.MinValue</c>
/// overflows, and decoding adds back with the same wrap-around.
/// </para>
/// <para>
/// The encoder writes the common configuration, 128-value blocks of 4 miniblocks of 32 values, unless told
/// otherwise. <see cref="DeltaBinaryPackedDecoder"/> reads any configuration other writers choose.
/// </para>
/// </remarks>
internal static class DeltaBinaryPacked
{
    /// <summary>The usual block size in values.</summary>
    public const int DefaultBlockSize = 128;

    /// <summary>The usual number of miniblocks per block.</summary>
    public const int DefaultMiniblockCount = 4;

    internal const string Name = "DELTA_BINARY_PACKED";

    /// <summary>Appends <paramref name="values"/> as INT32 deltas.</summary>
    /// <param name="values">The values.</param>
    /// <param name="output">Receives the encoding.</param>
    /// <param name="blockSize">Values per block: a positive multiple of 128.</param>
    /// <param name="miniblockCount">Miniblocks per block: divides the block into miniblocks of a multiple of 32 values.</param>
    public static void Encode(ReadOnlySpan<int> values, ByteBuffer output, int blockSize = DefaultBlockSize, int miniblockCount = DefaultMiniblockCount) =>
        EncodeCore(values, output, blockSize, miniblockCount);

    /// <summary>Appends <paramref name="values"/> as INT64 deltas.</summary>
    /// <inheritdoc cref="Encode(ReadOnlySpan{int}, ByteBuffer, int, int)"/>
    public static void Encode(ReadOnlySpan<long> values, ByteBuffer output, int blockSize = DefaultBlockSize, int miniblockCount = DefaultMiniblockCount) =>
        EncodeCore(values, output, blockSize, miniblockCount);

    /// <summary>One implementation for both widths: generic math compiles to int or long arithmetic, wrapping alike.</summary>
    private static void EncodeCore<T>(ReadOnlySpan<T> values, ByteBuffer output, int blockSize, int miniblockCount)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckConfiguration(blockSize, miniblockCount);
        WriteHeader(output, blockSize, miniblockCount, values.Length, values.IsEmpty ? 0 : long.CreateTruncating(values[0]));
        if (values.Length <= 1)
            return;
        var miniblockSize = blockSize / miniblockCount;
        var rented = ArrayPool<T>.Shared.Rent(blockSize);
        var narrow = ArrayPool<int>.Shared.Rent(miniblockSize);
        try
        {
            var deltas = rented.AsSpan(0, blockSize);
            for (var i = 1; i < values.Length;)
            {
                var length = Math.Min(blockSize, values.Length - i);
                var block = deltas[..length];
                var min = Deltas(values.Slice(i - 1, length + 1), block);
                output.WriteZigZag(long.CreateTruncating(min));
                var widthsAt = output.WrittenCount;
                output.Append(miniblockCount).Clear();
                for (var m = 0; m * miniblockSize < length; m++)
                {
                    var mini = block.Slice(m * miniblockSize, Math.Min(miniblockSize, length - m * miniblockSize));
                    var low = narrow.AsSpan(0, mini.Length);
                    // Relative to the minimum every delta is non-negative read as unsigned: the bits to pack. INT64
                    // deltas are also narrowed on the way, for the common case of 32 bits or fewer.
                    var bits = Relative(mini, min, low);
                    var width = Unsafe.SizeOf<T>() * 8 - int.CreateTruncating(T.LeadingZeroCount(bits));
                    output.Patch(widthsAt + m, 1)[0] = (byte)width;
                    // A short last miniblock is padded with zero bits to its full size.
                    var bytes = output.Append(miniblockSize / 8 * width);
                    int packed;
                    if (typeof(T) == typeof(int))
                        packed = BitPacking.Pack(MemoryMarshal.Cast<T, int>(mini), width, bytes);
                    else if (width <= 32)
                        packed = BitPacking.Pack(low, width, bytes);
                    else
                        packed = BitPacking.Pack(MemoryMarshal.Cast<T, long>(mini), width, bytes);
                    bytes[packed..].Clear();
                }
                i += length;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
            ArrayPool<int>.Shared.Return(narrow);
        }
    }

    /// <summary>
    /// Writes the wrapping differences of consecutive <paramref name="values"/> (one more than
    /// <paramref name="deltas"/>) and returns their minimum. Vectorised: the differences of a vector of values and the
    /// same vector shifted by one.
    /// </summary>
    private static T Deltas<T>(ReadOnlySpan<T> values, Span<T> deltas)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var min = T.MaxValue;
        var k = 0;
        if (Vector256.IsHardwareAccelerated && deltas.Length >= Vector256<T>.Count)
        {
            var mins = Vector256.Create(T.MaxValue);
            for (; k + Vector256<T>.Count <= deltas.Length; k += Vector256<T>.Count)
            {
                var d = Vector256.Create(values[(k + 1)..]) - Vector256.Create(values[k..]);
                d.CopyTo(deltas[k..]);
                mins = Vector256.Min(mins, d);
            }
            for (var j = 0; j < Vector256<T>.Count; j++)
                min = T.Min(min, mins[j]);
        }
        for (; k < deltas.Length; k++)
        {
            var d = unchecked(values[k + 1] - values[k]);
            deltas[k] = d;
            min = T.Min(min, d);
        }
        return min;
    }

    /// <summary>
    /// Subtracts <paramref name="min"/> from every delta (leaving the non-negative bits to pack) and returns their OR;
    /// for INT64 also writes them narrowed to 32 bits into <paramref name="low"/>, for the common case that they fit.
    /// </summary>
    private static T Relative<T>(Span<T> deltas, T min, Span<int> low)
        where T : unmanaged, IBinaryInteger<T>
    {
        var bits = T.Zero;
        var k = 0;
        if (Vector256.IsHardwareAccelerated && deltas.Length >= Vector256<T>.Count)
        {
            var m = Vector256.Create(min);
            var or = Vector256<T>.Zero;
            for (; k + Vector256<T>.Count <= deltas.Length; k += Vector256<T>.Count)
            {
                var d = Vector256.Create(deltas[k..]) - m;
                d.CopyTo(deltas[k..]);
                or |= d;
            }
            for (var j = 0; j < Vector256<T>.Count; j++)
                bits |= or[j];
        }
        for (; k < deltas.Length; k++)
        {
            var d = unchecked(deltas[k] - min);
            deltas[k] = d;
            bits |= d;
        }
        if (typeof(T) != typeof(int))
        {
            for (var j = 0; j < deltas.Length; j++)
                low[j] = int.CreateTruncating(deltas[j]);
        }
        return bits;
    }

    /// <summary>
    /// Decodes exactly <c>destination.Length</c> INT32 values and returns the bytes read (through the last
    /// miniblock holding a value).
    /// </summary>
    /// <remarks>No values may be stored as no bytes at all (some writers do so for pages of nulls only).</remarks>
    /// <exception cref="InvalidDataException">The data is corrupt, or its header's value count differs from
    /// <c>destination.Length</c>.</exception>
    public static int Decode(ReadOnlySpan<byte> data, Span<int> destination) => DecodeAll(data, destination);

    /// <summary>Decodes exactly <c>destination.Length</c> INT64 values and returns the bytes read.</summary>
    /// <inheritdoc cref="Decode(ReadOnlySpan{byte}, Span{int})"/>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> destination) => DecodeAll(data, destination);

    private static int DecodeAll<T>(ReadOnlySpan<byte> data, Span<T> destination)
        where T : unmanaged
    {
        if (destination.IsEmpty && data.IsEmpty)
            return 0;
        var decoder = new DeltaBinaryPackedDecoder(data);
        decoder.ExpectCount(destination.Length);
        if (typeof(T) == typeof(int))
            decoder.Read(MemoryMarshal.Cast<T, int>(destination));
        else
            decoder.Read(MemoryMarshal.Cast<T, long>(destination));
        return decoder.BytesConsumed;
    }

    private static void WriteHeader(ByteBuffer output, int blockSize, int miniblockCount, int count, long first)
    {
        output.WriteUleb128((uint)blockSize);
        output.WriteUleb128((uint)miniblockCount);
        output.WriteUleb128((uint)count);
        output.WriteZigZag(first);
    }

    private static void CheckConfiguration(int blockSize, int miniblockCount)
    {
        if (blockSize <= 0 || blockSize % 128 != 0)
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "The block size must be a positive multiple of 128.");
        if (miniblockCount <= 0 || blockSize % miniblockCount != 0 || blockSize / miniblockCount % 32 != 0)
            throw new ArgumentOutOfRangeException(nameof(miniblockCount), miniblockCount, "The miniblock count must divide the block into miniblocks of a multiple of 32 values.");
    }
}
