namespace DatumSync.Modules.Profile;

/// <summary>
/// Small integer codes for a low-cardinality column's values (by hash), for contingency tables. Once a column has
/// more than the allowed number of distinct values it is <see cref="Overflowed"/> and takes no further part.
/// </summary>
public sealed class CategoryCodes(int maxCategories)
{
    private readonly Dictionary<ulong, byte> _codes = [];
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
        if (_codes.TryGetValue(hash, out var code))
            return code;
        if (_hashes.Count >= Math.Min(maxCategories, None))
        {
            Overflowed = true;
            return None;
        }
        code = (byte)_hashes.Count;
        _codes[hash] = code;
        _hashes.Add(hash);
        return code;
    }

    /// <summary>Marks the column as too diverse.</summary>
    public void Overflow() => Overflowed = true;
}
