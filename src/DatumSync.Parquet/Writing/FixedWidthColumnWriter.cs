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

    /// <summary>The exact bits, so the dictionary keeps -0.0 apart from 0.0 and every NaN payload.</summary>
    static abstract ulong Bits(T value);
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

    private readonly Dictionary<ulong, int> _dictionary = [];
    private T[] _dictionaryValues = [];
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

    protected override int PendingValueBytes => _dictionaryMode
        ? (int)((long)_pending * RleBitPackedHybrid.DictionaryBitWidth(_dictionary.Count) / 8)
        : _pending * Unsafe.SizeOf<T>();

    protected override void AppendValues(Column column, int start, int count)
    {
        if (_scratch.Length < count)
            Grow(ref _scratch, count);
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
                var bits = TPolicy.Bits(v);
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_dictionary, bits, out var exists);
                if (!exists)
                {
                    slot = _dictionary.Count - 1;
                    AddDictionaryValue(v);
                }
                indices[n++] = slot;
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
        && (_dictionary.Count * (long)Unsafe.SizeOf<T>() > Options.DictionaryBytes
            || (_chunkNonNull >= DistinctCheckValues && _dictionary.Count > _chunkNonNull * 3 / 4));

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

    private void AddDictionaryValue(T v)
    {
        var count = _dictionary.Count;
        if (count > _dictionaryValues.Length)
            Array.Resize(ref _dictionaryValues, Math.Max(1024, _dictionaryValues.Length * 2));
        _dictionaryValues[count - 1] = v;
    }

    private void EnsurePending(int additional)
    {
        var needed = _pending + additional;
        if (_dictionaryMode && _indices.Length < needed)
            Grow(ref _indices, needed);
        else if (!_dictionaryMode && _plain.Length < needed)
            Grow(ref _plain, needed);
    }

    private static void Grow<TItem>(ref TItem[] array, int needed)
    {
        var bigger = ArrayPool<TItem>.Shared.Rent(Math.Max(needed, array.Length * 2));
        array.AsSpan().CopyTo(bigger);
        ArrayPool<TItem>.Shared.Return(array);
        array = bigger;
    }

    protected override Format.Encoding EncodeValues(ByteBuffer page)
    {
        var n = _pending;
        _pending = 0;
        // A page of nulls only has no values: PLAIN, so it needs no dictionary page.
        if (_dictionaryMode && n > 0)
        {
            RleBitPackedHybrid.EncodeDictionaryIndices(_indices.AsSpan(0, n), RleBitPackedHybrid.DictionaryBitWidth(_dictionary.Count), page);
            return Format.Encoding.RleDictionary;
        }
        page.Write(MemoryMarshal.AsBytes(_plain.AsSpan(0, n)));
        return Format.Encoding.Plain;
    }

    protected override bool TryEncodeDictionary(ByteBuffer page, out int count)
    {
        count = _dictionary.Count;
        if (count == 0 || !Options.Dictionary)
            return false;
        page.Write(MemoryMarshal.AsBytes(_dictionaryValues.AsSpan(0, count)));
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
        _dictionary.Clear();
        _dictionaryMode = Options.Dictionary;
        _chunkNonNull = 0;
        _hasStatistics = false;
    }

    public override void Dispose()
    {
        ArrayPool<T>.Shared.Return(_scratch);
        ArrayPool<T>.Shared.Return(_plain);
        ArrayPool<int>.Shared.Return(_indices);
        base.Dispose();
    }
}
