namespace DatumSync.Data;

/// <summary>
/// A slice of a table in columnar form: one <see cref="Data.Column"/> per schema field, all the same length.
/// Disposing the batch returns its columns' pooled buffers.
/// </summary>
public sealed class RecordBatch : IDisposable
{
    private readonly Column[] _columns;

    /// <summary>Creates a batch.</summary>
    /// <exception cref="ArgumentException">Column count, lengths or types disagree with the schema.</exception>
    public RecordBatch(Schema schema, IReadOnlyList<Column> columns, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != schema.Count)
            throw new ArgumentException($"Schema has {schema.Count} fields but {columns.Count} columns were given.", nameof(columns));
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != rowCount)
                throw new ArgumentException($"Column '{schema[i].Name}' has {columns[i].Length} rows, expected {rowCount}.", nameof(columns));
            if (columns[i].Type != schema[i].Type)
                throw new ArgumentException($"Column '{schema[i].Name}' is {columns[i].Type}, schema says {schema[i].Type}.", nameof(columns));
        }
        Schema = schema;
        _columns = [.. columns];
        RowCount = rowCount;
    }

    /// <summary>The batch's schema.</summary>
    public Schema Schema { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The columns, in schema order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public Column Column(int index) => _columns[index];

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public Column Column(string name)
    {
        var i = Schema.IndexOf(name);
        return i >= 0 ? _columns[i] : throw new KeyNotFoundException($"No column named '{name}'.");
    }

    /// <summary>Returns the columns' buffers to the pool.</summary>
    public void Dispose()
    {
        foreach (var c in _columns)
            c.Dispose();
    }
}
