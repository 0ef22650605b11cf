using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// The slot array of an open-addressing hash table with linear probing, shared by the dictionary encoders: each
/// slot holds an entry number plus one (0 is empty); the entries and their 32-bit hashes live with the encoder.
/// </summary>
/// <remarks>
/// The table stays at most a quarter full: probes then almost always end at the first slot, and the probe loop's
/// branch is predictable. Measured on 1,000,000 INT64 values of 1,000 distinct, half full took twice as long (4.3
/// against 8.4 ns a value); the price is 16 bytes of slots an entry (4 MiB at the 1 MiB dictionary limit of 4-byte
/// values). The slot of a hash is its top bits (the mixers in <see cref="ValueHash"/> spread every input bit into
/// them). Arrays come from <see cref="ArrayPool{T}"/>.
/// </remarks>
internal sealed class HashSlots : IDisposable
{
    private const int InitialCapacity = 1024;

    private int[] _slots = [];
    private int _shift;

    /// <summary>The slots; valid until the next <see cref="Grow"/>.</summary>
    public int[] Slots => _slots;

    /// <summary>The number of slots (a power of two).</summary>
    public int Capacity { get; private set; }

    /// <summary>The mask that wraps a probe to the table.</summary>
    public int Mask => Capacity - 1;

    /// <summary>Whether <paramref name="entries"/> entries fit while keeping the table at most a quarter full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasRoomFor(int entries) => entries * 4L <= Capacity;

    /// <summary>The first slot to probe for <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Home(uint hash) => (int)(hash >> _shift);

    /// <summary>Doubles the table (or creates it) and re-inserts <paramref name="hashes"/> as entries 0.. in order.</summary>
    public void Grow(ReadOnlySpan<uint> hashes)
    {
        var capacity = Capacity == 0 ? InitialCapacity : Capacity * 2;
        while (hashes.Length * 4L > capacity)
            capacity *= 2;
        var slots = ArrayPool<int>.Shared.Rent(capacity);
        Array.Clear(slots, 0, capacity);
        if (_slots.Length != 0)
            ArrayPool<int>.Shared.Return(_slots);
        _slots = slots;
        Capacity = capacity;
        _shift = 32 - BitOperations.Log2((uint)capacity);
        var mask = capacity - 1;
        for (var e = 0; e < hashes.Length; e++)
        {
            var slot = Home(hashes[e]);
            while (slots[slot] != 0)
                slot = (slot + 1) & mask;
            slots[slot] = e + 1;
        }
    }

    /// <summary>
    /// Adds the entry whose hash is the last of <paramref name="hashes"/> (the hashes of all entries so far), growing
    /// the table first when it would pass a quarter full.
    /// </summary>
    public void Add(ReadOnlySpan<uint> hashes)
    {
        if (!HasRoomFor(hashes.Length))
        {
            // Growing re-inserts every entry, the new one with them.
            Grow(hashes);
            return;
        }
        var mask = Mask;
        var slot = Home(hashes[^1]);
        while (_slots[slot] != 0)
            slot = (slot + 1) & mask;
        _slots[slot] = hashes.Length;
    }

    /// <summary>Empties the table, keeping its size.</summary>
    public void Clear()
    {
        if (Capacity != 0)
            Array.Clear(_slots, 0, Capacity);
    }

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose()
    {
        if (_slots.Length != 0)
            ArrayPool<int>.Shared.Return(_slots);
        _slots = [];
        Capacity = 0;
    }
}
