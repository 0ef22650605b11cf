using System.Buffers;
using System.Buffers.Binary;
using DatumSync.Data;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;

namespace DatumSync.Parquet.Writing;

/// <summary>
/// BYTE_ARRAY (UTF-8 string) columns: dictionary-encoded while the dictionary stays small and values repeat, PLAIN
/// (4-byte length + bytes) after falling back. The dictionary hashes bytes in place: no string is ever allocated.
/// </summary>
internal sealed class ByteArrayColumnWriter : ColumnChunkWriter
{
    private const int DistinctCheckValues = 16_384;

    private readonly ByteBuffer _plain = new();
    // The size limit is checked per piece by FallBackRequested, so the encoder itself never refuses an entry.
    private readonly ByteArrayDictionaryEncoder _dictionary = new(int.MaxValue);
    private int[] _indices = ArrayPool<int>.Shared.Rent(4096);
    private int _pending;
    private bool _dictionaryMode;
    private long _chunkNonNull;
    private byte[]? _min;
    private byte[]? _max;

    public ByteArrayColumnWriter(Field field, ParquetWriteOptions options, ICompressionCodec codec) : base(field, options, codec)
        => _dictionaryMode = options.Dictionary;

    protected override PhysicalType PhysicalType => PhysicalType.ByteArray;

    protected override int PendingValueBytes => _dictionaryMode
        ? (int)((long)_pending * _dictionary.BitWidth / 8)
        : _plain.WrittenCount;

    protected override void AppendValues(Column column, int start, int count)
    {
        var strings = (StringColumn)column;
        var hasNulls = column.NullCount > 0;
        if (_dictionaryMode && _indices.Length < _pending + count)
        {
            var bigger = ArrayPool<int>.Shared.Rent(Math.Max(_indices.Length * 2, _pending + count));
            _indices.AsSpan(0, _pending).CopyTo(bigger);
            ArrayPool<int>.Shared.Return(_indices);
            _indices = bigger;
        }
        var offsets = strings.Offsets;
        var data = strings.Data;
        for (var i = start; i < start + count; i++)
        {
            if (hasNulls && column.IsNull(i))
                continue;
            var value = data[offsets[i]..offsets[i + 1]];
            Observe(value);
            _chunkNonNull++;
            if (_dictionaryMode)
            {
                _dictionary.TryAdd(value, out var index);
                _indices[_pending++] = index;
            }
            else
            {
                var span = _plain.GetSpan(4 + value.Length);
                BinaryPrimitives.WriteInt32LittleEndian(span, value.Length);
                value.CopyTo(span[4..]);
                _plain.Advance(4 + value.Length);
                _pending++;
            }
        }
    }

    protected override bool FallBackRequested => _dictionaryMode
        && (_dictionary.ByteSize > Options.DictionaryBytes
            || (_chunkNonNull >= DistinctCheckValues && _dictionary.Count > _chunkNonNull * 3 / 4));

    protected override void SwitchToPlain() => _dictionaryMode = false;

    private void Observe(ReadOnlySpan<byte> value)
    {
        // Type order for UTF-8 is unsigned byte order, which SequenceCompareTo on bytes is.
        if (_min is null || value.SequenceCompareTo(_min) < 0)
            _min = value.ToArray();
        if (_max is null || value.SequenceCompareTo(_max) > 0)
            _max = value.ToArray();
    }

    protected override Format.Encoding EncodeValues(ByteBuffer page)
    {
        var n = _pending;
        _pending = 0;
        if (_dictionaryMode)
        {
            if (n == 0)
                return Format.Encoding.Plain;
            RleBitPackedHybrid.EncodeDictionaryIndices(_indices.AsSpan(0, n), _dictionary.BitWidth, page);
            return Format.Encoding.RleDictionary;
        }
        page.Write(_plain.WrittenSpan);
        _plain.Clear();
        return Format.Encoding.Plain;
    }

    protected override bool TryEncodeDictionary(ByteBuffer page, out int count)
    {
        count = _dictionary.Count;
        if (count == 0)
            return false;
        _dictionary.WritePlain(page);
        return true;
    }

    protected override void FillStatistics(Statistics statistics)
    {
        // Very long values would bloat the footer; leave them out (min/max are optional).
        if (_min is null || _max is null || _min.Length > 1024 || _max.Length > 1024)
            return;
        statistics.MinValue = _min;
        statistics.MaxValue = _max;
    }

    protected override void ResetChunk()
    {
        _dictionary.Clear();
        _dictionaryMode = Options.Dictionary;
        _chunkNonNull = 0;
        _min = _max = null;
    }

    public override void Dispose()
    {
        _plain.Dispose();
        _dictionary.Dispose();
        ArrayPool<int>.Shared.Return(_indices);
        base.Dispose();
    }
}
