using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Reads DELTA_BINARY_PACKED data in as many calls as the caller likes; <see cref="TotalCount"/> comes from the
/// header.
/// </summary>
/// <remarks>
/// <para>
/// Any configuration is read, not only the spec's (a block a multiple of 128 values, miniblocks a multiple of 32):
/// all that decoding needs is miniblocks of whole bytes, so a miniblock of any multiple of 8 values is accepted.
/// Blocks, miniblocks and their bit widths are read only as values need them, so the unused widths of the last
/// block may hold anything, and <see cref="BytesConsumed"/> after the last value is where the encoding ends (what
/// follows it in DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY).
/// </para>
/// <para>
/// Corrupt data throws <see cref="InvalidDataException"/>: a bad header, a bit width over 64 (INT32 deltas may be
/// that wide too: DuckDB computes them in 64 bits), a varint too long, or a block or miniblock running past the
/// data. The last miniblock may stop at the last byte it needs (some writers do not pad it). Nothing is sized from
/// the header: memory use does not depend on the input.
/// </para>
/// </remarks>
internal ref struct DeltaBinaryPackedDecoder
{
    private const string What = DeltaBinaryPacked.Name;

    // Values are read in chunks of at most this many, so that INT64 deltas of up to 32 bits fit a stack buffer.
    private const int NarrowChunk = 256;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _miniblockCount;
    private readonly int _miniblockSize;
    private readonly long _first;
    private int _position;
    private int _remaining;
    private int _deltasUnread;
    private long _last;
    private long _minDelta;
    private int _widthsAt;
    private int _miniblockIndex;
    private int _bitWidth;
    private int _miniblockStart;
    private int _miniblockRead;
    private int _miniblockLeft;

    /// <summary>Reads the header.</summary>
    /// <exception cref="InvalidDataException">The header is corrupt.</exception>
    public DeltaBinaryPackedDecoder(ReadOnlySpan<byte> data)
    {
        _data = data;
        var blockSize = Varint.ReadUInt32(data, ref _position, What + " block size");
        var miniblockCount = Varint.ReadUInt32(data, ref _position, What + " miniblock count");
        var total = Varint.ReadUInt32(data, ref _position, What + " value count");
        _first = Varint.ReadZigZag64(data, ref _position, What + " first value");
        if (blockSize == 0 || blockSize > int.MaxValue || miniblockCount == 0 || blockSize % miniblockCount != 0
            || blockSize / miniblockCount % 8 != 0)
        {
            EncodingErrors.Corrupt($"{What}: blocks of {blockSize} values in {miniblockCount} miniblocks are not valid (miniblocks must hold a multiple of 8 values).");
        }
        if (total > int.MaxValue)
            EncodingErrors.Corrupt($"{What}: a value count of {total} is over the maximum of {int.MaxValue}.");
        _miniblockCount = (int)miniblockCount;
        _miniblockSize = (int)(blockSize / miniblockCount);
        TotalCount = (int)total;
        _remaining = TotalCount;
        _deltasUnread = Math.Max(TotalCount - 1, 0);
        _miniblockIndex = _miniblockCount;
        _last = _first;
    }

    /// <summary>The number of values the header announces.</summary>
    public int TotalCount { get; }

    /// <summary>The values not read yet.</summary>
    public readonly int Remaining => _remaining;

    /// <summary>The bytes of the header, blocks and miniblocks started so far: after the last value, the encoding's length.</summary>
    public readonly int BytesConsumed => _position;

    /// <summary>Throws <see cref="InvalidDataException"/> unless the header announces <paramref name="count"/> values.</summary>
    public readonly void ExpectCount(int count)
    {
        if (TotalCount != count)
            EncodingErrors.Corrupt($"{What}: the header announces {TotalCount} values where {count} are expected.");
    }

    /// <summary>Reads up to <c>destination.Length</c> INT32 values (fewer only when fewer remain) and returns how many.</summary>
    public int Read(Span<int> destination) => Read<int>(destination);

    /// <summary>Reads up to <c>destination.Length</c> INT64 values (fewer only when fewer remain) and returns how many.</summary>
    public int Read(Span<long> destination) => Read<long>(destination);

    /// <summary>
    /// One implementation for both widths: generic math compiles to int or long sums, which wrap as the encoder's
    /// differences did.
    /// </summary>
    private int Read<T>(Span<T> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = Math.Min(destination.Length, _remaining);
        if (n == 0)
            return 0;
        var done = 0;
        var last = T.CreateTruncating(_last);
        if (_remaining == TotalCount)
        {
            destination[0] = last;
            done = 1;
        }
        Span<int> narrow = stackalloc int[NarrowChunk];
        Span<long> wide = stackalloc long[NarrowChunk];
        while (done < n)
        {
            // INT32 deltas may come 64 bits wide (DuckDB); sums modulo 2^32 do not depend on the deltas' width.
            if (_miniblockLeft == 0)
                NextMiniblock(64);
            var take = Math.Min(Math.Min(_miniblockLeft, n - done), NarrowChunk);
            var target = destination.Slice(done, take);
            var packed = _data[_miniblockStart..];
            if (typeof(T) == typeof(int) && _bitWidth <= 32)
            {
                BitPacking.Unpack(packed, _bitWidth, MemoryMarshal.Cast<T, int>(target), _miniblockRead);
            }
            else if (_bitWidth <= 32)
            {
                // INT64 deltas of up to 32 bits (the common case) go through the specialised 32-bit unpacking.
                var deltas = narrow[..take];
                BitPacking.Unpack(packed, _bitWidth, deltas, _miniblockRead);
                for (var i = 0; i < deltas.Length; i++)
                    target[i] = T.CreateTruncating((uint)deltas[i]);
            }
            else
            {
                var deltas = wide[..take];
                BitPacking.Unpack(packed, _bitWidth, deltas, _miniblockRead);
                for (var i = 0; i < deltas.Length; i++)
                    target[i] = T.CreateTruncating(deltas[i]);
            }
            var step = T.CreateTruncating(_minDelta);
            for (var i = 0; i < target.Length; i++)
            {
                last = unchecked(last + step + target[i]);
                target[i] = last;
            }
            Consume(take);
            done += take;
        }
        _last = long.CreateTruncating(last);
        _remaining -= n;
        return n;
    }

    private void Consume(int count)
    {
        _miniblockRead += count;
        _miniblockLeft -= count;
    }

    private void NextMiniblock(int maxWidth)
    {
        Debug.Assert(_deltasUnread > 0);
        if (_miniblockIndex == _miniblockCount)
            NextBlock();
        var width = _data[_widthsAt + _miniblockIndex];
        if (width > maxWidth)
            EncodingErrors.BitWidthOutOfRange($"{What} miniblock {_miniblockIndex} of the block at byte {_widthsAt}", width, maxWidth);
        _miniblockIndex++;
        var values = Math.Min(_miniblockSize, _deltasUnread);
        var available = _data.Length - _position;
        var needed = BitPacking.ByteCount(values, width);
        if (needed > available)
            EncodingErrors.Truncated($"{What} miniblock at byte {_position}", needed, available);
        _deltasUnread -= values;
        _bitWidth = width;
        _miniblockStart = _position;
        _miniblockRead = 0;
        _miniblockLeft = values;
        _position += (int)Math.Min(BitPacking.ByteCount(_miniblockSize, width), available);
    }

    private void NextBlock()
    {
        var at = _position;
        _minDelta = Varint.ReadZigZag64(_data, ref _position, What + " min delta");
        if (_data.Length - _position < _miniblockCount)
            ThrowWidthsTruncated(at);
        _widthsAt = _position;
        _position += _miniblockCount;
        _miniblockIndex = 0;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private readonly void ThrowWidthsTruncated(int at) =>
        EncodingErrors.Truncated($"{What} bit widths of the block at byte {at}", _miniblockCount, _data.Length - _position);
}
