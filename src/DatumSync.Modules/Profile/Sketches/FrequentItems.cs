using System.Text;

namespace DatumSync.Modules.Profile.Sketches;

/// <summary>
/// Heavy hitters with counts in bounded memory: the Misra–Gries summary with batched purges (the counter-based
/// family SpaceSaving belongs to; the two are isomorphic). The table starts at <c>capacity</c> items and doubles
/// up to <c>maxCapacity</c> before it starts purging, so columns with a few thousand distinct values keep exact
/// counts. At most <c>maxCapacity</c> items are tracked, keyed by their
/// 64-bit hash with the first-seen text kept in one byte arena (no string per value). When the table is full the
/// median count is subtracted from every counter and counters at zero are dropped; <see cref="MaxError"/> adds
/// up what was subtracted. A reported count is a lower bound and the true count is at most
/// <c>count + MaxError</c> ≤ <c>count + 2n/maxCapacity</c>; any item more frequent than that bound is guaranteed
/// to be tracked. Mergeable: counts add, errors add. An item whose hash is a bijection of its value (numbers,
/// temporal values) may be stored by its hash alone (<see cref="InsertKey"/>): no bytes are copied per new value.
/// </summary>
public sealed class FrequentItems
{
    /// <summary>Longest text kept per item, in bytes.</summary>
    public const int MaxTextBytes = 200;

    private readonly int _maxCapacity;
    private uint[] _slots;
    private int _missSlot = -1;
    private ulong _missHash;
    private int _slotMask;
    private int _capacity;
    private ulong[] _hashes;
    private long[] _counts;
    private int[] _textStart;
    private int[] _textLength;
    private byte[] _arena = new byte[1024];
    private byte[] _spareArena = [];
    private long[] _sortScratch = [];
    private int _arenaUsed;
    private int _size;

    /// <summary>Creates an empty summary tracking <paramref name="capacity"/> items, growing up to <paramref name="maxCapacity"/>.</summary>
    public FrequentItems(int capacity, int maxCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 4);
        _capacity = capacity;
        _maxCapacity = Math.Max(capacity, maxCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Max(capacity, maxCapacity), MaxItems);
        _slots = new uint[SlotsFor(capacity)];
        _slotMask = _slots.Length - 1;
        _hashes = new ulong[capacity];
        _counts = new long[capacity];
        _textStart = new int[capacity];
        _textLength = new int[capacity];
    }

    /// <summary>The total of all counts added (the stream length).</summary>
    public long Total { get; private set; }

    /// <summary>The most any reported count can be below the true count (0: every count is exact).</summary>
    public long MaxError { get; private set; }

    /// <summary>Counts one more occurrence of a tracked item; false when the item is not tracked (then call <see cref="Insert"/>).</summary>
    public bool TryIncrement(ulong hash)
    {
        var i = Find(hash);
        if (i < 0)
            return false;
        _counts[i]++;
        Total++;
        return true;
    }

    /// <summary>Adds <paramref name="count"/> occurrences of an item with its text.</summary>
    public void Add(ulong hash, ReadOnlySpan<byte> text, long count = 1)
    {
        if (!TryAddCount(hash, count))
            Insert(hash, text, count);
    }

    private bool TryAddCount(ulong hash, long count)
    {
        var i = Find(hash);
        if (i < 0)
            return false;
        _counts[i] += count;
        Total += count;
        return true;
    }

    /// <summary>Starts tracking an item that <see cref="TryIncrement"/> did not find.</summary>
    public void Insert(ulong hash, ReadOnlySpan<byte> text, long count = 1)
    {
        MakeRoom(count);
        if (text.Length > MaxTextBytes)
        {
            var cut = MaxTextBytes;
            while (cut > 0 && (text[cut] & 0xC0) == 0x80)
                cut--;
            text = text[..cut];
        }
        if (_arenaUsed + text.Length > _arena.Length)
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + text.Length));
        text.CopyTo(_arena.AsSpan(_arenaUsed));
        _hashes[_size] = hash;
        _counts[_size] = count;
        _textStart[_size] = _arenaUsed;
        _textLength[_size] = text.Length;
        _arenaUsed += text.Length;
        Place(hash, _size++);
    }

    /// <summary>
    /// Starts tracking an item that <see cref="TryIncrement"/> did not find, stored by its hash alone: the caller can
    /// recover the value from the hash. <see cref="Top"/> gives such an item as <paramref name="tag"/> (not 0)
    /// followed by the hash's 8 bytes, little-endian.
    /// </summary>
    public void InsertKey(ulong hash, byte tag, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tag);
        MakeRoom(count);
        _hashes[_size] = hash;
        _counts[_size] = count;
        _textStart[_size] = -tag;
        _textLength[_size] = 0;
        Place(hash, _size++);
    }

    private void MakeRoom(long count)
    {
        Total += count;
        if (_size == _capacity && _capacity < _maxCapacity)
        {
            _capacity = Math.Min(_maxCapacity, _capacity * 2);
            Array.Resize(ref _hashes, _capacity);
            Array.Resize(ref _counts, _capacity);
            Array.Resize(ref _textStart, _capacity);
            Array.Resize(ref _textLength, _capacity);
            _slots = new uint[SlotsFor(_capacity)];
            _slotMask = _slots.Length - 1;
            _missSlot = -1;
            for (var k = 0; k < _size; k++)
                Place(_hashes[k], k);
        }
        if (_size == _capacity)
        {
            Purge();
            // The newcomer may itself be below the purge line: it is then counted only in the error.
        }
    }

    /// <summary>The bytes <see cref="Top"/> gives for item <paramref name="i"/>.</summary>
    private byte[] ItemBytes(int i)
    {
        if (_textStart[i] >= 0)
            return _arena.AsSpan(_textStart[i], _textLength[i]).ToArray();
        var bytes = new byte[9];
        bytes[0] = (byte)-_textStart[i];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(1), _hashes[i]);
        return bytes;
    }

    /// <summary>Subtracts the median count from every counter and drops those at zero (amortised O(1) per insert).</summary>
    private void Purge()
    {
        // Scratch buffers are kept: a high-cardinality column purges thousands of times.
        if (_sortScratch.Length < _size)
            _sortScratch = new long[_capacity];
        var scratch = _sortScratch.AsSpan(0, _size);
        _counts.AsSpan(0, _size).CopyTo(scratch);
        var cut = Select(scratch, _size / 2);
        MaxError += cut;
        if (_spareArena.Length < _arena.Length)
            _spareArena = new byte[_arena.Length];
        var arena = _spareArena;
        var used = 0;
        var kept = 0;
        Array.Clear(_slots);
        _missSlot = -1;
        for (var i = 0; i < _size; i++)
        {
            var c = _counts[i] - cut;
            if (c <= 0)
                continue;
            _hashes[kept] = _hashes[i];
            _counts[kept] = c;
            if (_textStart[i] >= 0)
            {
                var text = _arena.AsSpan(_textStart[i], _textLength[i]);
                text.CopyTo(arena.AsSpan(used));
                _textStart[kept] = used;
                used += text.Length;
            }
            else
            {
                _textStart[kept] = _textStart[i];
            }
            _textLength[kept] = _textLength[i];
            Place(_hashes[kept], kept);
            kept++;
        }
        _spareArena = _arena;
        _arena = arena;
        _arenaUsed = used;
        _size = kept;
    }

    /// <summary>Most items a summary can track (an item's number fits in 16 bits of its slot).</summary>
    public const int MaxItems = 65_535;

    /// <summary>
    /// An open-addressing index from hash to item, at most half full. A slot is 4 bytes: 16 bits of the hash (a
    /// fingerprint) and the item + 1 (0 is empty), so the index of 4,096 items is 32 KiB and a probe rarely reads
    /// an item's full hash except for the item it is looking for.
    /// </summary>
    private static int SlotsFor(int capacity) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2);

    private static uint Fingerprint(ulong hash) => (uint)hash << 16;

    private int Find(ulong hash)
    {
        var slots = _slots;
        var mask = _slotMask;
        var fingerprint = Fingerprint(hash);
        var i = (int)(hash >> 40) & mask;
        while (true)
        {
            var slot = slots[i];
            if (slot == 0)
            {
                // Where the item would go: Insert does not probe again.
                (_missSlot, _missHash) = (i, hash);
                return -1;
            }
            if ((slot & 0xFFFF_0000u) == fingerprint)
            {
                var item = (int)(slot & 0xFFFF) - 1;
                if (_hashes[item] == hash)
                    return item;
            }
            i = (i + 1) & mask;
        }
    }

    private void Place(ulong hash, int item)
    {
        var entry = Fingerprint(hash) | (uint)(item + 1);
        if (_missSlot >= 0 && _missHash == hash && _slots[_missSlot] == 0)
        {
            _slots[_missSlot] = entry;
            _missSlot = -1;
            return;
        }
        var i = (int)(hash >> 40) & _slotMask;
        while (_slots[i] != 0)
            i = (i + 1) & _slotMask;
        _slots[i] = entry;
    }

    /// <summary>The k-th smallest value (Hoare's selection; reorders <paramref name="values"/>): linear, unlike a sort.</summary>
    private static long Select(Span<long> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            var pivot = values[lo + ((hi - lo) >> 1)];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                    i++;
                while (values[j] > pivot)
                    j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
                hi = j;
            else if (k >= i)
                lo = i;
            else
                return values[k];
        }
        return values[k];
    }

    /// <summary>Adds everything <paramref name="other"/> counted.</summary>
    public void Merge(FrequentItems other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var total = Total + other.Total;
        for (var i = 0; i < other._size; i++)
        {
            var hash = other._hashes[i];
            if (TryAddCount(hash, other._counts[i]))
                continue;
            if (other._textStart[i] < 0)
                InsertKey(hash, (byte)-other._textStart[i], other._counts[i]);
            else
                Insert(hash, other._arena.AsSpan(other._textStart[i], other._textLength[i]), other._counts[i]);
        }
        MaxError += other.MaxError;
        Total = total;
    }

    /// <summary>The <paramref name="count"/> items with the highest counts (ties by text), highest first.</summary>
    /// <param name="count">Items wanted.</param>
    /// <param name="decode">Turns an item's stored bytes into its text (UTF-8 decoding when null).</param>
    public IReadOnlyList<(string Text, long Count)> Top(int count, Func<byte[], string>? decode = null)
    {
        var items = new List<(string Text, long Count)>(_size);
        for (var i = 0; i < _size; i++)
        {
            var text = decode is null ? Encoding.UTF8.GetString(ItemBytes(i)) : decode(ItemBytes(i));
            items.Add((text, _counts[i]));
        }
        items.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Text, b.Text));
        return items.Count > count ? items.GetRange(0, count) : items;
    }

    /// <summary>Items tracked.</summary>
    public int Tracked => _size;
}
