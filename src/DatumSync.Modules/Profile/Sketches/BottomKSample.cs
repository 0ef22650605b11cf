namespace DatumSync.Modules.Profile.Sketches;

/// <summary>
/// A uniform sample of at most <c>k</c> items: each item comes with a pseudo-random priority (a hash of its row
/// number) and the sample keeps the <c>k</c> smallest. Unlike a classic reservoir this is deterministic and exactly
/// mergeable: the union of two samples' bottom <c>k</c> is the bottom <c>k</c> of the union, so how the rows were
/// split across workers does not change the sample.
/// </summary>
/// <typeparam name="T">The sampled item.</typeparam>
public sealed class BottomKSample<T>
{
    private readonly int _k;
    private readonly List<(ulong Priority, T Item)> _heap = [];

    /// <summary>Creates an empty sample of at most <paramref name="k"/> items.</summary>
    public BottomKSample(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _k = k;
    }

    /// <summary>Items held.</summary>
    public int Count => _heap.Count;

    /// <summary>An item is taken only when its priority is below this (check before building the item).</summary>
    public ulong Threshold => _heap.Count < _k ? ulong.MaxValue : _heap[0].Priority;

    /// <summary>Offers an item; kept when its priority is among the k smallest.</summary>
    public void Add(ulong priority, T item)
    {
        if (_heap.Count < _k)
        {
            _heap.Add((priority, item));
            SiftUp(_heap.Count - 1);
        }
        else if (priority < _heap[0].Priority)
        {
            _heap[0] = (priority, item);
            SiftDown(0);
        }
    }

    /// <summary>Adds the other sample's items.</summary>
    public void Merge(BottomKSample<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (p, item) in other._heap)
            Add(p, item);
    }

    /// <summary>The items in priority order (a reproducible order independent of the input's order).</summary>
    public IReadOnlyList<T> Items() => [.. _heap.OrderBy(e => e.Priority).Select(e => e.Item)];

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_heap[parent].Priority >= _heap[i].Priority)
                return;
            (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= _heap.Count)
                return;
            var largest = left + 1 < _heap.Count && _heap[left + 1].Priority > _heap[left].Priority ? left + 1 : left;
            if (_heap[i].Priority >= _heap[largest].Priority)
                return;
            (_heap[i], _heap[largest]) = (_heap[largest], _heap[i]);
            i = largest;
        }
    }
}
