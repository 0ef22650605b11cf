using DatumSync.Data;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Mapping;

namespace DatumSync.Parquet.Writing;

/// <summary>Decimals of 19 to 38 digits: FIXED_LEN_BYTE_ARRAY, big-endian two's complement, PLAIN.</summary>
internal sealed class FixedLenDecimalColumnWriter(Field field, ParquetWriteOptions options, ICompressionCodec codec) : ColumnChunkWriter(field, options, codec)
{
    private readonly int _width = ParquetSchemaMapper.DecimalByteWidth(field.Type.Precision);
    private readonly ByteBuffer _values = new();
    private bool _hasStatistics;
    private Int128 _min;
    private Int128 _max;

    protected override PhysicalType PhysicalType => PhysicalType.FixedLenByteArray;

    protected override int PendingValueBytes => _values.WrittenCount;

    protected override void AppendValues(Column column, int start, int count)
    {
        var decimals = (DecimalColumn)column;
        var hasNulls = column.NullCount > 0;
        for (var i = start; i < start + count; i++)
        {
            if (hasNulls && column.IsNull(i))
                continue;
            var v = decimals[i];
            PhysicalValues.Int128ToBigEndian(v, _values.GetSpan(_width)[.._width]);
            _values.Advance(_width);
            if (!_hasStatistics)
            {
                _min = _max = v;
                _hasStatistics = true;
            }
            else if (v < _min)
            {
                _min = v;
            }
            else if (v > _max)
            {
                _max = v;
            }
        }
    }

    protected override Format.Encoding EncodeValues(ByteBuffer page)
    {
        page.Write(_values.WrittenSpan);
        _values.Clear();
        return Format.Encoding.Plain;
    }

    protected override void FillStatistics(Statistics statistics)
    {
        if (!_hasStatistics)
            return;
        var min = new byte[_width];
        var max = new byte[_width];
        PhysicalValues.Int128ToBigEndian(_min, min);
        PhysicalValues.Int128ToBigEndian(_max, max);
        statistics.MinValue = min;
        statistics.MaxValue = max;
    }

    protected override void ResetChunk() => _hasStatistics = false;

    public override void Dispose()
    {
        _values.Dispose();
        base.Dispose();
    }
}
