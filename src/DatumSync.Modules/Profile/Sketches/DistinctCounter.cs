using System.Runtime.CompilerServices;

namespace DatumSync.Modules.Profile.Sketches;

/// <summary>
/// Counts distinct values by their 64-bit hashes: exactly (an open-addressing set of hashes) up to a limit
/// (<see cref="ExactLimit"/> by default), then with a <see cref="HyperLogLog"/>. Mergeable: the union of two
/// exact sets stays exact while it fits.
/// </summary>
/// <remarks>"Exact" means exact up to 64-bit hash collisions (about n²/2^65: nil at this size).</remarks>
public sealed class DistinctCounter
{
    /// <summary>Distinct values counted exactly before switching to the sketch, by default (the set then takes as
    /// much memory as the sketch).</summary>
    public const int ExactLimit = 2048;

    private readonly int _limit;
    private ulong[]? _set = new ulong[16];

    /// <summary>Creates a counter exact up to <paramref name="exactLimit"/> distinct values (a power of two).</summary>
    public DistinctCounter(int exactLimit = ExactLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exactLimit, 8);
        _limit = exactLimit;
    }
    private int _count;
    private bool _hasZero;
    private HyperLogLog? _sketch;

    /// <summary>Whether <see cref="Count"/> is exact.</summary>
    public bool IsExact => _sketch is null;

    /// <summary>The number of distinct hashes (exact or estimated).</summary>
    public long Count => _sketch is null ? _count : (long)Math.Round(_sketch.Estimate());

    /// <summary>Adds a hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong hash)
    {
        if (_sketch is not null)
            _sketch.Add(hash);
        else
            AddExact(hash);
    }

    private void AddExact(ulong hash)
    {
        if (hash == 0)
        {
            // 0 marks empty slots; its presence is a flag.
            if (!_hasZero)
            {
                _hasZero = true;
                Grow();
            }
            return;
        }
        var set = _set!;
        var mask = set.Length - 1;
        var i = (int)(hash >> 40) & mask;
        while (true)
        {
            var slot = set[i];
            if (slot == hash)
                return;
            if (slot == 0)
            {
                set[i] = hash;
                Grow();
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// <summary>Counts one more distinct value; doubles the table at half load, or turns into the sketch past the limit.</summary>
    private void Grow()
    {
        _count++;
        if (_count > _limit)
        {
            SwitchToSketch();
            return;
        }
        if (_count * 2 > _set!.Length && _set.Length < _limit * 2)
        {
            var old = _set;
            _set = new ulong[old.Length * 2];
            var mask = _set.Length - 1;
            foreach (var h in old)
            {
                if (h == 0)
                    continue;
                var i = (int)(h >> 40) & mask;
                while (_set[i] != 0)
                    i = (i + 1) & mask;
                _set[i] = h;
            }
        }
    }

    /// <summary>Moves the exact hashes into a new HyperLogLog and drops the set.</summary>
    private void SwitchToSketch()
    {
        var sketch = new HyperLogLog();
        foreach (var h in _set!)
        {
            if (h != 0)
                sketch.Add(h);
        }
        if (_hasZero)
            sketch.Add(0);
        _sketch = sketch;
        _set = null;
    }

    /// <summary>Adds everything <paramref name="other"/> counted.</summary>
    public void Merge(DistinctCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._sketch is { } theirs)
        {
            if (_sketch is null)
                SwitchToSketch();
            _sketch!.Merge(theirs);
            return;
        }
        foreach (var h in other._set!)
        {
            if (h != 0)
                Add(h);
        }
        if (other._hasZero)
            Add(0);
    }
}
