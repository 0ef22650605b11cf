namespace DatumSync.Data.Formats.Json;

/// <summary>
/// Maps a column's key path, as UTF-8 bytes, to its column index without allocating a string per lookup.
/// Columns get indexes 0, 1, 2, ... in the order they are added.
/// </summary>
internal sealed class ColumnKeyTable
{
    private readonly List<byte[]> _keys = [];
    private readonly List<int> _hashes = [];
    // Open addressing; a slot holds index + 1, 0 when empty. Kept at most half full.
    private int[] _slots = new int[64];

    /// <summary>The number of columns.</summary>
    public int Count => _keys.Count;

    /// <summary>The key path of column <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Key(int index) => _keys[index];

    /// <summary>The column for <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        var hash = Hash(key);
        var mask = _slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == 0)
                return -1;
            if (_hashes[slot - 1] == hash && key.SequenceEqual(_keys[slot - 1]))
                return slot - 1;
        }
    }

    /// <summary>Adds a key not yet in the table and returns its column index.</summary>
    public int Add(ReadOnlySpan<byte> key)
    {
        if ((_keys.Count + 1) * 2 > _slots.Length)
            Resize();
        var index = _keys.Count;
        var hash = Hash(key);
        _keys.Add(key.ToArray());
        _hashes.Add(hash);
        Insert(hash, index);
        return index;
    }

    private void Insert(int hash, int index)
    {
        var mask = _slots.Length - 1;
        var i = hash & mask;
        while (_slots[i] != 0)
            i = (i + 1) & mask;
        _slots[i] = index + 1;
    }

    private void Resize()
    {
        _slots = new int[_slots.Length * 2];
        for (var k = 0; k < _keys.Count; k++)
            Insert(_hashes[k], k);
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var h = new HashCode();
        h.AddBytes(key);
        return h.ToHashCode() & int.MaxValue;
    }
}
