using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Reads RLE / bit-packed hybrid runs (no length prefix or width byte) in as many calls as the caller likes, so
/// that a page's levels or indices can be decoded a batch at a time; a call may stop inside a run.
/// </summary>
/// <remarks>
/// The decoder is told how many values the data holds (<c>valueCount</c>, from the page header): an RLE run that
/// claims more values than remain is corrupt; a bit-packed run may hold more (padding some writers add), and only
/// the values expected are read from it. A truncated last bit-packed run is accepted as long as it holds every
/// value still expected (some writers stop at the last needed byte). See <see cref="RleBitPackedHybrid"/> for the
/// checks.
/// </remarks>
internal ref struct RleBitPackedHybridDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private readonly uint _maxValue;
    private int _position;
    private int _remaining;
    private int _runLeft;
    private bool _runIsRle;
    private int _runValue;
    private int _packedStart;
    private int _packedIndex;

    /// <summary>Starts reading <paramref name="valueCount"/> values of <paramref name="bitWidth"/> bits from <paramref name="data"/>.</summary>
    /// <exception cref="InvalidDataException">The bit width is not 0 to 32.</exception>
    public RleBitPackedHybridDecoder(ReadOnlySpan<byte> data, int bitWidth, int valueCount)
    {
        if ((uint)bitWidth > RleBitPackedHybrid.MaxBitWidth)
            EncodingErrors.BitWidthOutOfRange("RLE/bit-packed hybrid", bitWidth, RleBitPackedHybrid.MaxBitWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(valueCount);
        _data = data;
        _bitWidth = bitWidth;
        _maxValue = (uint)BitPacking.Mask64(bitWidth);
        _remaining = valueCount;
    }

    /// <summary>The values not read yet.</summary>
    public readonly int Remaining => _remaining;

    /// <summary>The bytes of the runs started so far: after the last value, the length of the encoded data.</summary>
    public readonly int BytesConsumed => _position;

    /// <summary>
    /// Reads up to <c>destination.Length</c> values (fewer only when fewer remain) and returns how many.
    /// </summary>
    /// <exception cref="InvalidDataException">The data is corrupt or ends before the values do.</exception>
    public int Read(Span<int> destination)
    {
        var n = Math.Min(destination.Length, _remaining);
        var written = 0;
        while (written < n)
        {
            if (_runLeft == 0)
                NextRun();
            var take = Math.Min(_runLeft, n - written);
            var target = destination.Slice(written, take);
            if (_runIsRle)
                target.Fill(_runValue);
            else
                ReadPacked(target);
            written += take;
            _runLeft -= take;
        }
        _remaining -= n;
        return n;
    }

    private void ReadPacked(Span<int> target)
    {
        BitPacking.Unpack(_data[_packedStart..], _bitWidth, target, _packedIndex);
        _packedIndex += target.Length;
    }

    private void NextRun()
    {
        var headerAt = _position;
        var header = Varint.ReadUInt32(_data, ref _position, RleBitPackedHybrid.RunHeader);
        var available = _data.Length - _position;
        if ((header & 1) != 0)
        {
            long groups = header >> 1;
            var values = groups * 8;
            // A run may hold more values than the page needs: DuckDB pads the bit-packed repetition levels of a
            // short list page to 256 values. Like parquet-mr and Arrow, read what is needed and skip the rest.
            if (groups == 0)
                ThrowRunTooLong("bit-packed", values, headerAt);
            var needed = (int)Math.Min(values, _remaining);
            var neededBytes = BitPacking.ByteCount(needed, _bitWidth);
            if (neededBytes > available)
                EncodingErrors.TruncatedAt("RLE/bit-packed hybrid bit-packed run", headerAt, neededBytes, available);
            _runIsRle = false;
            _runLeft = needed;
            _packedStart = _position;
            _packedIndex = 0;
            _position += (int)Math.Min(groups * _bitWidth, available);
        }
        else
        {
            var count = header >> 1;
            if (count == 0 || count > (uint)_remaining)
                ThrowRunTooLong("RLE", count, headerAt);
            var valueBytes = (_bitWidth + 7) >> 3;
            if (valueBytes > available)
                EncodingErrors.TruncatedAt("RLE/bit-packed hybrid RLE run", headerAt, valueBytes, available);
            uint value = 0;
            for (var i = 0; i < valueBytes; i++)
                value |= (uint)_data[_position + i] << (8 * i);
            if (value > _maxValue)
                ThrowValueTooWide(value, headerAt);
            _position += valueBytes;
            _runIsRle = true;
            _runLeft = (int)count;
            _runValue = (int)value;
        }
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private readonly void ThrowValueTooWide(uint value, int headerAt) =>
        EncodingErrors.Corrupt($"RLE/bit-packed hybrid: the RLE run at byte {headerAt} repeats {value}, which does not fit in {_bitWidth} bits.");

    [DoesNotReturn]
    [StackTraceHidden]
    private readonly void ThrowRunTooLong(string kind, long count, int headerAt) =>
        EncodingErrors.Corrupt(count == 0
            ? $"RLE/bit-packed hybrid: the {kind} run at byte {headerAt} is empty."
            : $"RLE/bit-packed hybrid: the {kind} run at byte {headerAt} holds {count} values but only {_remaining} remain.");
}
