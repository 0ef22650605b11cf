using System.Collections;

namespace DatumSync.Data;

/// <summary>An ordered list of uniquely named fields.</summary>
public sealed class Schema : IReadOnlyList<Field>, IEquatable<Schema>
{
    private readonly Field[] _fields;
    private readonly Dictionary<string, int> _byName;

    /// <summary>Creates a schema.</summary>
    /// <exception cref="ArgumentException">Two fields share a name.</exception>
    public Schema(IEnumerable<Field> fields)
    {
        _fields = [.. fields];
        _byName = new Dictionary<string, int>(_fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < _fields.Length; i++)
        {
            if (!_byName.TryAdd(_fields[i].Name, i))
                throw new ArgumentException($"Duplicate column name '{_fields[i].Name}'.", nameof(fields));
        }
    }

    /// <summary>The number of fields.</summary>
    public int Count => _fields.Length;

    /// <summary>The field at <paramref name="index"/>.</summary>
    public Field this[int index] => _fields[index];

    /// <summary>The index of the field named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _byName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>A copy of this schema with the field at <paramref name="index"/> replaced.</summary>
    public Schema With(int index, Field field)
    {
        var copy = (Field[])_fields.Clone();
        copy[index] = field;
        return new Schema(copy);
    }

    /// <inheritdoc />
    public IEnumerator<Field> GetEnumerator() => ((IEnumerable<Field>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Schema? other) => other is not null && _fields.AsSpan().SequenceEqual(other._fields);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Schema);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var f in _fields)
            hash.Add(f);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _fields.Select(f => f.ToString()));
}
