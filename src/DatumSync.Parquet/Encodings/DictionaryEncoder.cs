using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Builds the dictionary of a column chunk of fixed-width values and maps values to dictionary indices, for
/// RLE_DICTIONARY pages: INT32 and DATE (<c>int</c>), INT64 and timestamps (<c>long</c>), INT96 (<see cref="Int96"/>).
/// FLOAT and DOUBLE use <c>int</c> and <c>long</c> over their bits (<see cref="MemoryMarshal.Cast{TFrom,TTo}(ReadOnlySpan{TFrom})"/>):
/// bit equality keeps NaN payloads and negative zero as entries of their own, exactly as PLAIN would store them.
/// </summary>
/// <remarks>
/// <para>
/// Entries keep first-seen order. <see cref="ByteSize"/> is the PLAIN size of the dictionary page; <see cref="Encode"/>
/// stops before a new value would take it over <see cref="MaxByteSize"/> (1 MiB by default, as other writers use) and
/// says how many values it mapped, so the writer can fall back to PLAIN for the rest. A writer may also give up
/// earlier, for instance when <see cref="Count"/> nears the number of values (a dictionary then saves nothing).
/// </para>
/// <para>
/// An open-addressing table (<see cref="HashSlots"/>) finds entries; a value equal to the one before skips the
/// lookup, which makes sorted and run-heavy columns cheap. Buffers are pooled; <see cref="Clear"/> readies the
/// encoder for the next column chunk without freeing them, <see cref="Dispose"/> returns them.
/// </para>
/// </remarks>
/// <typeparam name="T"><c>int</c>, <c>long</c> or <see cref="Int96"/>.</typeparam>
internal sealed class DictionaryEncoder<T> : IDisposable
    where T : unmanaged, IEquatable<T>
{
    /// <summary>The usual limit on a dictionary page: 1 MiB.</summary>
    public const int DefaultMaxByteSize = 1 << 20;

    private readonly HashSlots _table = new();
    private T[] _values = [];
    private uint[] _hashes = [];

    /// <summary>Creates an encoder whose dictionary stays within <paramref name="maxByteSize"/> bytes of PLAIN data.</summary>
    public DictionaryEncoder(int maxByteSize = DefaultMaxByteSize)
    {
        if (typeof(T) != typeof(int) && typeof(T) != typeof(long) && typeof(T) != typeof(Int96))
            throw new NotSupportedException($"Dictionaries of {typeof(T).Name} are not supported; use int, long or Int96.");
        ArgumentOutOfRangeException.ThrowIfNegative(maxByteSize);
        MaxByteSize = maxByteSize;
    }

    /// <summary>The most bytes the dictionary page may take.</summary>
    public int MaxByteSize { get; }

    /// <summary>The number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>The size of the dictionary page in PLAIN encoding.</summary>
    public long ByteSize => (long)Count * Unsafe.SizeOf<T>();

    /// <summary>The entries in index order.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Count);

    /// <summary>The bit width of indices into this dictionary.</summary>
    public int BitWidth => RleBitPackedHybrid.DictionaryBitWidth(Count);

    /// <summary>
    /// Writes the index of each value into <paramref name="indices"/>, adding new values to the dictionary, and
    /// returns how many values were mapped: all of them, or fewer when the next one would take the dictionary over
    /// <see cref="MaxByteSize"/>.
    /// </summary>
    public int Encode(ReadOnlySpan<T> values, Span<int> indices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(indices.Length, values.Length, nameof(indices));
        var previous = default(T);
        var previousIndex = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (previousIndex < 0 || !value.Equals(previous))
            {
                var hash = Hash(value);
                previousIndex = Find(value, hash);
                if (previousIndex < 0 && !TryInsert(value, hash, out previousIndex))
                    return i;
                previous = value;
            }
            indices[i] = previousIndex;
        }
        return values.Length;
    }

    /// <summary>
    /// The index of <paramref name="value"/>, added if new; false (and no change) when adding it would take the
    /// dictionary over <see cref="MaxByteSize"/>.
    /// </summary>
    public bool TryAdd(T value, out int index)
    {
        var hash = Hash(value);
        index = Find(value, hash);
        return index >= 0 || TryInsert(value, hash, out index);
    }

    /// <summary>The index of <paramref name="value"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(T value, uint hash)
    {
        var slots = _table.Slots;
        if (slots.Length == 0)
            return -1;
        // Unchecked reads: a slot is below the table's capacity (the home slot is the hash's top bits, probes wrap
        // with the mask) and an entry number is at most Count.
        ref var slot0 = ref MemoryMarshal.GetArrayDataReference(slots);
        ref var value0 = ref MemoryMarshal.GetArrayDataReference(_values);
        var mask = _table.Mask;
        var slot = _table.Home(hash);
        int entry;
        while ((entry = Unsafe.Add(ref slot0, slot)) != 0)
        {
            if (Unsafe.Add(ref value0, entry - 1).Equals(value))
                return entry - 1;
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /// <summary>Appends the dictionary page body: the entries in PLAIN encoding.</summary>
    public void WritePlain(ByteBuffer output)
    {
        if (typeof(T) == typeof(int))
            PlainEncoding.EncodeInt32(MemoryMarshal.Cast<T, int>(Values), output);
        else if (typeof(T) == typeof(long))
            PlainEncoding.EncodeInt64(MemoryMarshal.Cast<T, long>(Values), output);
        else
            PlainEncoding.EncodeInt96(MemoryMarshal.Cast<T, Int96>(Values), output);
    }

    /// <summary>Empties the dictionary for the next column chunk, keeping its buffers.</summary>
    public void Clear()
    {
        Count = 0;
        _table.Clear();
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        _table.Dispose();
        if (_values.Length != 0)
            ArrayPool<T>.Shared.Return(_values);
        if (_hashes.Length != 0)
            ArrayPool<uint>.Shared.Return(_hashes);
        _values = [];
        _hashes = [];
        Count = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryInsert(T value, uint hash, out int index)
    {
        if ((long)(Count + 1) * Unsafe.SizeOf<T>() > MaxByteSize)
        {
            index = -1;
            return false;
        }
        index = Count;
        if (index == _values.Length)
            _values = PooledArray.Grow(_values, Math.Max(index * 2, 256), index);
        if (index == _hashes.Length)
            _hashes = PooledArray.Grow(_hashes, Math.Max(index * 2, 256), index);
        _values[index] = value;
        _hashes[index] = hash;
        Count = index + 1;
        _table.Add(_hashes.AsSpan(0, Count));
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(T value)
    {
        if (typeof(T) == typeof(int))
            return ValueHash.Hash((ulong)(uint)Unsafe.As<T, int>(ref value));
        if (typeof(T) == typeof(long))
            return ValueHash.Hash((ulong)Unsafe.As<T, long>(ref value));
        var int96 = Unsafe.As<T, Int96>(ref value);
        return ValueHash.Hash((ulong)int96.NanosOfDay ^ ((ulong)(uint)int96.JulianDay << 17));
    }
}
