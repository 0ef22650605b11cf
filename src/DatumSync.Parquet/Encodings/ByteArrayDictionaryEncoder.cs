using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Builds the dictionary of a BYTE_ARRAY (or FIXED_LEN_BYTE_ARRAY) column chunk and maps values to dictionary
/// indices, hashing the bytes themselves: no strings are created.
/// </summary>
/// <remarks>
/// As <see cref="DictionaryEncoder{T}"/>: first-seen order, <see cref="ByteSize"/> is the PLAIN size of the dictionary
/// page (4 + length per entry), and <see cref="Encode"/> stops before a new value would take it over
/// <see cref="MaxByteSize"/>. Entries are kept in the string column layout (<see cref="ValueData"/> and
/// <see cref="ValueOffsets"/>) with their hashes, so a lookup compares bytes only when hash and length match.
/// </remarks>
internal sealed class ByteArrayDictionaryEncoder : IDisposable
{
    private readonly HashSlots _table = new();
    private byte[] _data = [];
    private static readonly int[] s_noOffsets = [0];

    private int[] _offsets = [];
    private uint[] _hashes = [];
    private int _dataLength;

    /// <summary>Creates an encoder whose dictionary stays within <paramref name="maxByteSize"/> bytes of PLAIN data.</summary>
    public ByteArrayDictionaryEncoder(int maxByteSize = DictionaryEncoder<int>.DefaultMaxByteSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxByteSize);
        MaxByteSize = maxByteSize;
    }

    /// <summary>The most bytes the dictionary page may take.</summary>
    public int MaxByteSize { get; }

    /// <summary>The number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>The size of the dictionary page in PLAIN encoding (a 4-byte length and the bytes per entry).</summary>
    public long ByteSize => 4L * Count + _dataLength;

    /// <summary>The entries' bytes back to back.</summary>
    public ReadOnlySpan<byte> ValueData => _data.AsSpan(0, _dataLength);

    /// <summary><c>Count + 1</c> offsets into <see cref="ValueData"/>: entry i is <c>ValueData[ValueOffsets[i]..ValueOffsets[i + 1]]</c>.</summary>
    public ReadOnlySpan<int> ValueOffsets => _offsets.Length == 0 ? s_noOffsets : _offsets.AsSpan(0, Count + 1);

    /// <summary>The bit width of indices into this dictionary.</summary>
    public int BitWidth => RleBitPackedHybrid.DictionaryBitWidth(Count);

    /// <summary>
    /// Maps the <c>offsets.Length - 1</c> values of a string column layout (value i is
    /// <c>data[offsets[i]..offsets[i + 1]]</c>) to indices, adding new ones, and returns how many were mapped: all,
    /// or fewer when the next one would take the dictionary over <see cref="MaxByteSize"/>.
    /// </summary>
    public int Encode(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, Span<int> indices)
    {
        var count = PlainEncoding.CheckOffsets(data, offsets);
        ArgumentOutOfRangeException.ThrowIfLessThan(indices.Length, count, nameof(indices));
        var previous = ReadOnlySpan<byte>.Empty;
        var previousIndex = -1;
        var previousHash = 0u;
        for (var i = 0; i < count; i++)
        {
            var start = offsets[i];
            var length = offsets[i + 1] - start;
            if (length < 0)
                PlainEncoding.ThrowOffsetsDecrease(i);
            var value = data.Slice(start, length);
            var hash = ValueHash.Hash(value);
            // A repeat of the previous value skips the table; the hash decides first, so different values are
            // not compared byte by byte.
            if (previousIndex < 0 || hash != previousHash || !value.SequenceEqual(previous))
            {
                previousIndex = Find(value, hash);
                if (previousIndex < 0 && !TryInsert(value, hash, out previousIndex))
                    return i;
                previous = value;
                previousHash = hash;
            }
            indices[i] = previousIndex;
        }
        return count;
    }

    /// <summary>
    /// The index of <paramref name="value"/>, added if new; false (and no change) when adding it would take the
    /// dictionary over <see cref="MaxByteSize"/>.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<byte> value, out int index)
    {
        var hash = ValueHash.Hash(value);
        index = Find(value, hash);
        return index >= 0 || TryInsert(value, hash, out index);
    }

    /// <summary>The index of <paramref name="value"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(ReadOnlySpan<byte> value, uint hash)
    {
        var slots = _table.Slots;
        if (slots.Length == 0)
            return -1;
        // Unchecked reads: a slot is below the table's capacity and an entry number is at most Count.
        ref var slot0 = ref MemoryMarshal.GetArrayDataReference(slots);
        ref var hash0 = ref MemoryMarshal.GetArrayDataReference(_hashes);
        var mask = _table.Mask;
        var slot = _table.Home(hash);
        int entry;
        while ((entry = Unsafe.Add(ref slot0, slot)) != 0)
        {
            var e = entry - 1;
            if (Unsafe.Add(ref hash0, e) == hash)
            {
                var start = _offsets[e];
                if (_offsets[e + 1] - start == value.Length && value.SequenceEqual(new ReadOnlySpan<byte>(_data, start, value.Length)))
                    return e;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /// <summary>Appends the dictionary page body: the entries in PLAIN encoding.</summary>
    public void WritePlain(ByteBuffer output) => PlainEncoding.EncodeByteArrays(ValueData, ValueOffsets, output);

    /// <summary>Empties the dictionary for the next column chunk, keeping its buffers.</summary>
    public void Clear()
    {
        Count = 0;
        _dataLength = 0;
        _table.Clear();
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        _table.Dispose();
        if (_data.Length != 0)
            ArrayPool<byte>.Shared.Return(_data);
        if (_offsets.Length != 0)
            ArrayPool<int>.Shared.Return(_offsets);
        if (_hashes.Length != 0)
            ArrayPool<uint>.Shared.Return(_hashes);
        _data = [];
        _offsets = [];
        _hashes = [];
        Count = 0;
        _dataLength = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryInsert(ReadOnlySpan<byte> value, uint hash, out int index)
    {
        if (ByteSize + 4 + value.Length > MaxByteSize)
        {
            index = -1;
            return false;
        }
        index = Count;
        if (_offsets.Length == 0)
        {
            _offsets = ArrayPool<int>.Shared.Rent(257);
            _offsets[0] = 0;
        }
        if (index + 2 > _offsets.Length)
            _offsets = PooledArray.Grow(_offsets, index * 2 + 1, index + 1);
        if (index == _hashes.Length)
            _hashes = PooledArray.Grow(_hashes, Math.Max(index * 2, 256), index);
        var end = _dataLength + value.Length;
        if (end > _data.Length)
            _data = PooledArray.Grow(_data, Math.Max(end, Math.Max(_data.Length * 2, 4096)), _dataLength);
        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength = end;
        _offsets[index + 1] = end;
        _hashes[index] = hash;
        Count = index + 1;
        _table.Add(_hashes.AsSpan(0, Count));
        return true;
    }
}
