using System.Numerics;

namespace DatumSync.Modules.Profile.Sketches;

/// <summary>
/// The set of calendar days a temporal column covers, as a bitmap in 4,096-day chunks allocated on first use
/// (512 bytes each; years 1–9999 fit in under 0.5 MB). Gives the exact number of distinct days and the largest gap
/// between consecutive days present; merging is a bitwise OR.
/// </summary>
public sealed class DaySet
{
    private const int ChunkBits = 12;
    private readonly Dictionary<int, ulong[]> _chunks = [];
    private int _lastChunk = int.MinValue;
    private ulong[]? _last;

    /// <summary>Adds a day (days since 1970-01-01).</summary>
    public void Add(int day)
    {
        var chunk = day >> ChunkBits;
        if (chunk != _lastChunk || _last is null)
        {
            if (!_chunks.TryGetValue(chunk, out _last))
                _chunks[chunk] = _last = new ulong[(1 << ChunkBits) / 64];
            _lastChunk = chunk;
        }
        var bit = day & ((1 << ChunkBits) - 1);
        _last[bit >> 6] |= 1UL << (bit & 63);
    }

    /// <summary>Adds every day of <paramref name="other"/>.</summary>
    public void Merge(DaySet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (chunk, bits) in other._chunks)
        {
            if (!_chunks.TryGetValue(chunk, out var mine))
                _chunks[chunk] = mine = new ulong[bits.Length];
            for (var i = 0; i < bits.Length; i++)
                mine[i] |= bits[i];
        }
    }

    /// <summary>Distinct days.</summary>
    public long Count => _chunks.Values.Sum(bits => bits.Sum(w => (long)BitOperations.PopCount(w)));

    /// <summary>The days present, ascending.</summary>
    public IEnumerable<int> Days()
    {
        foreach (var chunk in _chunks.Keys.Order())
        {
            var bits = _chunks[chunk];
            for (var w = 0; w < bits.Length; w++)
            {
                var word = bits[w];
                while (word != 0)
                {
                    var b = BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    yield return (chunk << ChunkBits) + (w << 6) + b;
                }
            }
        }
    }

    /// <summary>The largest distance between two consecutive days present (first day, next day), or null below two days.</summary>
    public (int From, int To)? LargestGap()
    {
        (int From, int To)? best = null;
        int? previous = null;
        foreach (var day in Days())
        {
            if (previous is { } p && (best is null || day - p > best.Value.To - best.Value.From))
                best = (p, day);
            previous = day;
        }
        return best;
    }
}
