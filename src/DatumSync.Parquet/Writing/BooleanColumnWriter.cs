using DatumSync.Data;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;

namespace DatumSync.Parquet.Writing;

/// <summary>BOOLEAN columns: PLAIN, one bit per value, LSB first.</summary>
internal sealed class BooleanColumnWriter(Field field, ParquetWriteOptions options, ICompressionCodec codec) : ColumnChunkWriter(field, options, codec)
{
    private readonly ByteBuffer _bits = new();
    private int _pending;
    private bool _sawFalse;
    private bool _sawTrue;

    protected override PhysicalType PhysicalType => PhysicalType.Boolean;

    protected override int PendingValueBytes => (_pending + 7) >> 3;

    protected override void AppendValues(Column column, int start, int count)
    {
        var booleans = (BooleanColumn)column;
        var hasNulls = column.NullCount > 0;
        for (var i = start; i < start + count; i++)
        {
            if (hasNulls && column.IsNull(i))
                continue;
            var value = booleans[i];
            if ((_pending & 7) == 0)
                _bits.WriteByte(0);
            if (value)
            {
                _bits.Patch(_bits.WrittenCount - 1, 1)[0] |= (byte)(1 << (_pending & 7));
                _sawTrue = true;
            }
            else
            {
                _sawFalse = true;
            }
            _pending++;
        }
    }

    protected override Format.Encoding EncodeValues(ByteBuffer page)
    {
        page.Write(_bits.WrittenSpan);
        _bits.Clear();
        _pending = 0;
        return Format.Encoding.Plain;
    }

    protected override void FillStatistics(Statistics statistics)
    {
        if (!_sawFalse && !_sawTrue)
            return;
        statistics.MinValue = statistics.Min = [(byte)(_sawFalse ? 0 : 1)];
        statistics.MaxValue = statistics.Max = [(byte)(_sawTrue ? 1 : 0)];
    }

    protected override void ResetChunk() => _sawFalse = _sawTrue = false;

    public override void Dispose()
    {
        _bits.Dispose();
        base.Dispose();
    }
}
