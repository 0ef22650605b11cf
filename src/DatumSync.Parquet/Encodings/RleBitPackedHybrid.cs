using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packed hybrid encoding (RLE = 3): definition and repetition levels, dictionary indices and
/// (optionally) booleans. A sequence of runs, each a ULEB128 header then either one repeated value (RLE run) or
/// groups of 8 bit-packed values (bit-packed run).
/// </summary>
/// <remarks>
/// <para>
/// Three framings share the run data: bare (<see cref="Encode"/>: levels in data page v2), with a 4-byte
/// little-endian byte length in front (<see cref="EncodeWithLengthPrefix"/>: levels in data page v1, RLE booleans)
/// and with one bit-width byte in front (<see cref="EncodeDictionaryIndices"/>: RLE_DICTIONARY data pages).
/// </para>
/// <para>
/// The encoder sees all values at once. At each group boundary of the pending literal values it measures the run
/// that starts there; a run of 8 or more (more at widths 1 to 3, see <see cref="MinRleRun"/>) becomes an RLE run
/// (after the literals so far are written as one bit-packed run), otherwise the next 8 values join the literals.
/// Runs that start inside a group are found at the next boundary, which costs at most 7 values of the run and keeps
/// every literal run a whole number of groups except the last, which is padded with zeros. Definition levels of a
/// column without nulls are therefore one RLE run.
/// </para>
/// <para>
/// Decoding is strict and bounded: a bit width over 32, a zero-length run, a run longer than the values still
/// expected (beyond the padding of the last group), an RLE value wider than the bit width, a varint over 5 bytes and
/// data that ends early all throw <see cref="InvalidDataException"/>. Nothing is allocated, so a lying header cannot
/// cause a large allocation, and every run consumes input, so corrupt data cannot loop.
/// </para>
/// </remarks>
internal static class RleBitPackedHybrid
{
    /// <summary>The largest bit width the encoding allows.</summary>
    public const int MaxBitWidth = 32;

    internal const string RunHeader = "RLE/bit-packed hybrid run header";

    /// <summary>Appends the runs for <paramref name="values"/> (no length prefix).</summary>
    /// <param name="values">Values from 0 to 2^<paramref name="bitWidth"/> - 1.</param>
    /// <param name="bitWidth">0 to 32.</param>
    /// <param name="output">Receives the runs.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit the bit width.</exception>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckValues(values, bitWidth);
        var n = values.Length;
        if (n == 0)
            return;
        if (bitWidth == 0)
        {
            WriteRleRun(output, n, 0, 0);
            return;
        }
        var valueBytes = (bitWidth + 7) >> 3;
        var minRun = MinRleRun(bitWidth);
        var literalStart = 0;
        var pos = 0;
        while (pos < n)
        {
            // pos is a group boundary of the pending literals. A run needs values[pos + minRun - 1] == values[pos]:
            // one comparison rejects most positions of non-repeating data.
            var v = values[pos];
            if (n - pos >= minRun && values[pos + minRun - 1] == v && FirstEightEqual(values.Slice(pos, 8), v))
            {
                var rest = values[pos..];
                var run = rest.IndexOfAnyExcept(v);
                if (run < 0)
                    run = rest.Length;
                if (run >= minRun)
                {
                    if (pos > literalStart)
                        WriteBitPackedRun(output, values[literalStart..pos], bitWidth);
                    WriteRleRun(output, run, v, valueBytes);
                    pos += run;
                    literalStart = pos;
                    continue;
                }
                // Every later boundary inside this short run starts a shorter one: skip past it.
                pos = Math.Min(pos + ((run + 7) & ~7), n);
                continue;
            }
            pos = Math.Min(pos + 8, n);
        }
        if (pos > literalStart)
            WriteBitPackedRun(output, values[literalStart..pos], bitWidth);
    }

    /// <summary>
    /// Whether all 8 values equal <paramref name="v"/>: two vector comparisons, so that data with few runs rejects a
    /// boundary without a call (a measured 4x on alternating levels).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FirstEightEqual(ReadOnlySpan<int> eight, int v)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            var value = Vector128.Create(v);
            return Vector128.EqualsAll(Vector128.Create(eight), value) && Vector128.EqualsAll(Vector128.Create(eight[4..]), value);
        }
        foreach (var x in eight)
        {
            if (x != v)
                return false;
        }
        return true;
    }

    /// <summary>
    /// The shortest run worth an RLE run: 8, except where bit-packing the run costs fewer bytes than an RLE run
    /// (header and value) plus the header of the literal run that resumes after it: 25 values at width 1, 13 at
    /// width 2, 9 at width 3. Scattered nulls in definition levels then stay one bit-packed run instead of many short
    /// runs, which is smaller and faster to write and read.
    /// </summary>
    internal static int MinRleRun(int bitWidth) =>
        bitWidth == 0 ? 8 : Math.Max(8, 8 * (2 + ((bitWidth + 7) >> 3)) / bitWidth + 1);

    /// <summary>
    /// Appends a 4-byte little-endian length and then the runs, as definition and repetition levels in data page v1
    /// and RLE-encoded booleans are stored.
    /// </summary>
    public static void EncodeWithLengthPrefix(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var start = output.WrittenCount;
        output.WriteInt32LittleEndian(0);
        Encode(values, bitWidth, output);
        BinaryPrimitives.WriteInt32LittleEndian(output.Patch(start, 4), output.WrittenCount - start - 4);
    }

    /// <summary>
    /// Appends one byte holding <paramref name="bitWidth"/> and then the runs, as an RLE_DICTIONARY data page stores
    /// its dictionary indices. Use <see cref="DictionaryBitWidth"/> for the width.
    /// </summary>
    public static void EncodeDictionaryIndices(ReadOnlySpan<int> indices, int bitWidth, ByteBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckValues(indices, bitWidth);
        output.WriteByte((byte)bitWidth);
        Encode(indices, bitWidth, output);
    }

    /// <summary>The bit width of indices into a dictionary of <paramref name="dictionaryCount"/> entries (0 for 0 or 1).</summary>
    public static int DictionaryBitWidth(int dictionaryCount) =>
        dictionaryCount <= 1 ? 0 : BitPacking.BitWidth((uint)(dictionaryCount - 1));

    /// <summary>The bit width of levels up to <paramref name="maxLevel"/> (0 when the maximum level is 0).</summary>
    public static int LevelBitWidth(int maxLevel) => BitPacking.BitWidth((uint)maxLevel);

    /// <summary>
    /// Decodes <c>destination.Length</c> values from bare runs and returns the bytes read (up to the end of the run
    /// holding the last value).
    /// </summary>
    /// <exception cref="InvalidDataException">The data is corrupt or ends before the values do.</exception>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> destination)
    {
        var decoder = new RleBitPackedHybridDecoder(data, bitWidth, destination.Length);
        decoder.Read(destination);
        return decoder.BytesConsumed;
    }

    /// <summary>
    /// Decodes <c>destination.Length</c> values stored after a 4-byte little-endian length (levels in data page v1,
    /// RLE booleans) and returns 4 plus that length: the bytes the caller skips to reach what follows.
    /// </summary>
    /// <exception cref="InvalidDataException">The length runs past <paramref name="data"/>, or the runs are corrupt.</exception>
    public static int DecodeWithLengthPrefix(ReadOnlySpan<byte> data, int bitWidth, Span<int> destination)
    {
        if (data.Length < 4)
            EncodingErrors.Truncated("RLE/bit-packed hybrid length prefix", 4, data.Length);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length > (uint)(data.Length - 4))
            EncodingErrors.Truncated("RLE/bit-packed hybrid data (length prefix)", length, data.Length - 4);
        Decode(data.Slice(4, (int)length), bitWidth, destination);
        return 4 + (int)length;
    }

    /// <summary>
    /// Decodes <c>destination.Length</c> dictionary indices (a bit-width byte, then runs) and checks each is below
    /// <paramref name="dictionaryCount"/>. Returns the bytes read.
    /// </summary>
    /// <exception cref="InvalidDataException">The width is over 32, the runs are corrupt, or an index is out of range.</exception>
    public static int DecodeDictionaryIndices(ReadOnlySpan<byte> data, int dictionaryCount, Span<int> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dictionaryCount);
        // A page of nulls only may end before the width byte.
        if (destination.IsEmpty && data.IsEmpty)
            return 0;
        if (data.IsEmpty)
            EncodingErrors.Truncated("RLE_DICTIONARY bit width", 1, 0);
        var bitWidth = data[0];
        if (bitWidth > MaxBitWidth)
            EncodingErrors.BitWidthOutOfRange("RLE_DICTIONARY indices", bitWidth, MaxBitWidth);
        var read = 1 + Decode(data[1..], bitWidth, destination);
        // Every index fits the width; only a dictionary smaller than 2^width needs the range checked.
        if ((ulong)dictionaryCount < 1UL << bitWidth)
        {
            var bad = dictionaryCount == 0
                ? destination.Length - 1
                : MemoryMarshal.Cast<int, uint>(destination).IndexOfAnyExceptInRange(0u, (uint)dictionaryCount - 1);
            if (bad >= 0)
                ThrowIndexOutOfRange(destination[bad], bad, dictionaryCount);
        }
        return read;
    }

    private static void WriteRleRun(ByteBuffer output, int count, int value, int valueBytes)
    {
        output.WriteUleb128((ulong)count << 1);
        var v = (uint)value;
        for (var i = 0; i < valueBytes; i++, v >>= 8)
            output.WriteByte((byte)v);
    }

    private static void WriteBitPackedRun(ByteBuffer output, ReadOnlySpan<int> values, int bitWidth)
    {
        var groups = (values.Length + 7) >> 3;
        output.WriteUleb128(((ulong)groups << 1) | 1);
        var bytes = groups * bitWidth;
        // Pack writes ByteCount(values) bytes; a padded last group takes its full width.
        var span = output.Append(bytes);
        var written = BitPacking.Pack(values, bitWidth, span);
        span[written..].Clear();
    }

    private static void CheckValues(ReadOnlySpan<int> values, int bitWidth)
    {
        if ((uint)bitWidth > MaxBitWidth)
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "The bit width must be 0 to 32.");
        if (bitWidth == 32)
            return;
        // One vectorised pass: a negative value or one with bits above the width would corrupt its neighbours.
        var bad = MemoryMarshal.Cast<int, uint>(values).IndexOfAnyExceptInRange(0u, (uint)BitPacking.Mask64(bitWidth));
        if (bad >= 0)
            ThrowValueTooWide(values[bad], bad, bitWidth);
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowValueTooWide(int value, int index, int bitWidth) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, $"Value {index} does not fit in {bitWidth} bits.");

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowIndexOutOfRange(int index, int position, int count) =>
        throw new InvalidDataException($"RLE_DICTIONARY indices: index {(uint)index} at value {position} is outside the dictionary of {count} entries.");
}
