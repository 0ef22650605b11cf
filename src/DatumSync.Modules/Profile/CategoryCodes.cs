namespace DatumSync.Modules.Profile;

/// <summary>
/// Small integer codes for a low-cardinality column's values (by hash), for contingency tables. Once a column has
/// more than the allowed number of distinct values it is <see cref="Overflowed"/> and takes no further part.
/// </summary>
public sealed class CategoryCodes(int maxCategories)
{
    // Open addressing over at most 255 codes: slot holds code + 1 (0 = empty); at most a quarter full.
    private const int Slots = 1024;
    private readonly ulong[] _keys = new ulong[Slots];
    private readonly byte[] _slots = new byte[Slots];
    private readonly List<ulong> _hashes = [];

    /// <summary>The code meaning "no value" (null or overflowed).</summary>
    public const byte None = byte.MaxValue;

    /// <summary>Whether the column has too many distinct values.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Codes handed out.</summary>
    public int Count => _hashes.Count;

    /// <summary>The hash behind each code.</summary>
    public IReadOnlyList<ulong> Hashes => _hashes;

    /// <summary>The code of a value hash (a new code for a new value), or <see cref="None"/> once overflowed.</summary>
    public byte Code(ulong hash)
    {
        if (Overflowed)
            return None;
        var i = (int)(hash >> 54);
        while (_slots[i] != 0)
        {
            if (_keys[i] == hash)
                return (byte)(_slots[i] - 1);
            i = (i + 1) & (Slots - 1);
        }
        if (_hashes.Count >= Math.Min(maxCategories, None - 1))
        {
            Overflowed = true;
            return None;
        }
        var code = (byte)_hashes.Count;
        _keys[i] = hash;
        _slots[i] = (byte)(code + 1);
        _hashes.Add(hash);
        return code;
    }

    /// <summary>Marks the column as too diverse.</summary>
    public void Overflow() => Overflowed = true;
}
