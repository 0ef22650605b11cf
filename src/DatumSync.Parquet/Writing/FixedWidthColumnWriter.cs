using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DatumSync.Data;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;

namespace DatumSync.Parquet.Writing;

/// <summary>What a fixed-width physical type needs: where values come from, how they order, what to leave out of
/// statistics. Implemented by empty structs so the JIT specialises the writer per type.</summary>
internal interface IFixedWidthPolicy<T>
    where T : unmanaged
{
    static abstract PhysicalType PhysicalType { get; }

    /// <summary>Copies rows of the core column as physical values (null slots hold anything).</summary>
    static abstract void Extract(Column column, int start, Span<T> destination);

    static abstract bool Less(T a, T b);

    /// <summary>Values statistics must not include (NaN).</summary>
    static abstract bool ExcludeFromStatistics(T value);
}

/// <summary>
/// INT32, INT64 and DOUBLE columns: dictionary-encoded (RLE_DICTIONARY) while the dictionary stays small and values
/// repeat, PLAIN after falling back.
/// </summary>
internal sealed class FixedWidthColumnWriter<T, TPolicy> : ColumnChunkWriter
    where T : unmanaged
    where TPolicy : struct, IFixedWidthPolicy<T>
{
    // A column whose values are mostly distinct gains nothing from a dictionary; decide after this many values.
    private const int DistinctCheckValues = 16_384;

    // Keyed by the values' bits (int or long), so -0.0 stays apart from 0.0 and NaN payloads survive. The size limit is
    // checked per piece by FallBackRequested, so the encoder itself never refuses an entry.
    private readonly DictionaryEncoder<int>? _dictionary32 = Unsafe.SizeOf<T>() == 4 ? new DictionaryEncoder<int>(int.MaxValue) : null;
    private readonly DictionaryEncoder<long>? _dictionary64 = Unsafe.SizeOf<T>() == 8 ? new DictionaryEncoder<long>(int.MaxValue) : null;
    private T[] _scratch = ArrayPool<T>.Shared.Rent(4096);
    private T[] _plain = ArrayPool<T>.Shared.Rent(4096);
    private int[] _indices = ArrayPool<int>.Shared.Rent(4096);
    private int _pending;
    private bool _dictionaryMode;
    private long _chunkNonNull;
    private bool _hasStatistics;
    private T _min;
    private T _max;

    public FixedWidthColumnWriter(Field field, ParquetWriteOptions options, ICompressionCodec codec) : base(field, options, codec)
        => _dictionaryMode = options.Dictionary;

    protected override PhysicalType PhysicalType => TPolicy.PhysicalType;

    private int DictionaryCount => _dictionary64?.Count ?? _dictionary32!.Count;

    protected override int PendingValueBytes => _dictionaryMode
        ? (int)((long)_pending * RleBitPackedHybrid.DictionaryBitWidth(DictionaryCount) / 8)
        : _pending * Unsafe.SizeOf<T>();

    protected override void AppendValues(Column column, int start, int count)
    {
        if (_scratch.Length < count)
            _scratch = PooledArray.Grow(_scratch, Math.Max(count, _scratch.Length * 2), used: 0); // scratch: nothing to keep
        var values = _scratch.AsSpan(0, count);
        TPolicy.Extract(column, start, values);
        EnsurePending(count);
        var hasNulls = column.NullCount > 0;
        if (_dictionaryMode)
        {
            var indices = _indices;
            var n = _pending;
            for (var i = 0; i < values.Length; i++)
            {
                if (hasNulls && column.IsNull(start + i))
                    continue;
                var v = values[i];
                Observe(v);
                int index;
                if (_dictionary64 is not null)
                    _dictionary64.TryAdd(Unsafe.As<T, long>(ref v), out index);
                else
                    _dictionary32!.TryAdd(Unsafe.As<T, int>(ref v), out index);
                indices[n++] = index;
            }
            _chunkNonNull += n - _pending;
            _pending = n;
        }
        else
        {
            var plain = _plain;
            var n = _pending;
            for (var i = 0; i < values.Length; i++)
            {
                if (hasNulls && column.IsNull(start + i))
                    continue;
                Observe(values[i]);
                plain[n++] = values[i];
            }
            _chunkNonNull += n - _pending;
            _pending = n;
        }
    }

    protected override bool FallBackRequested => _dictionaryMode
        && (DictionaryCount * (long)Unsafe.SizeOf<T>() > Options.DictionaryBytes
            || (_chunkNonNull >= DistinctCheckValues && DictionaryCount > _chunkNonNull * 3 / 4));

    protected override void SwitchToPlain() => _dictionaryMode = false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Observe(T v)
    {
        if (TPolicy.ExcludeFromStatistics(v))
            return;
        if (!_hasStatistics)
        {
            _min = _max = v;
            _hasStatistics = true;
        }
        else if (TPolicy.Less(v, _min))
        {
            _min = v;
        }
        else if (TPolicy.Less(_max, v))
        {
            _max = v;
        }
    }

    private void EnsurePending(int additional)
    {
        var needed = _pending + additional;
        if (_dictionaryMode && _indices.Length < needed)
            _indices = PooledArray.Grow(_indices, Math.Max(needed, _indices.Length * 2), _indices.Length);
        else if (!_dictionaryMode && _plain.Length < needed)
            _plain = PooledArray.Grow(_plain, Math.Max(needed, _plain.Length * 2), _plain.Length);
    }

    protected override Format.Encoding EncodeValues(ByteBuffer page)
    {
        var n = _pending;
        _pending = 0;
        // A page of nulls only has no values: PLAIN, so it needs no dictionary page.
        if (_dictionaryMode && n > 0)
        {
            RleBitPackedHybrid.EncodeDictionaryIndices(_indices.AsSpan(0, n), RleBitPackedHybrid.DictionaryBitWidth(DictionaryCount), page);
            return Format.Encoding.RleDictionary;
        }
        page.Write(MemoryMarshal.AsBytes(_plain.AsSpan(0, n)));
        return Format.Encoding.Plain;
    }

    protected override bool TryEncodeDictionary(ByteBuffer page, out int count)
    {
        count = DictionaryCount;
        if (count == 0 || !Options.Dictionary)
            return false;
        if (_dictionary64 is not null)
            _dictionary64.WritePlain(page);
        else
            _dictionary32!.WritePlain(page);
        return true;
    }

    protected override void FillStatistics(Statistics statistics)
    {
        if (!_hasStatistics)
            return;
        var min = _min;
        var max = _max;
        if (typeof(T) == typeof(double))
        {
            // Parquet: a zero minimum is written as -0.0 and a zero maximum as +0.0, whichever zeros the data has.
            if (Unsafe.As<T, double>(ref min) == 0)
                min = Unsafe.BitCast<double, T>(-0.0);
            if (Unsafe.As<T, double>(ref max) == 0)
                max = Unsafe.BitCast<double, T>(0.0);
        }
        statistics.MinValue = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in min)).ToArray();
        statistics.MaxValue = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in max)).ToArray();
        // The deprecated min/max use signed order, which is the type order for these types.
        statistics.Min = statistics.MinValue;
        statistics.Max = statistics.MaxValue;
    }

    protected override void ResetChunk()
    {
        _dictionary64?.Clear();
        _dictionary32?.Clear();
        _dictionaryMode = Options.Dictionary;
        _chunkNonNull = 0;
        _hasStatistics = false;
    }

    public override void Dispose()
    {
        _dictionary64?.Dispose();
        _dictionary32?.Dispose();
        ArrayPool<T>.Shared.Return(_scratch);
        ArrayPool<T>.Shared.Return(_plain);
        ArrayPool<int>.Shared.Return(_indices);
        base.Dispose();
    }
}
