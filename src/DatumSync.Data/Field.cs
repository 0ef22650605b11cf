namespace DatumSync.Data;

/// <summary>A named, typed column of a <see cref="Schema"/>.</summary>
/// <param name="Name">The column name as it appears in the source (deduplicated).</param>
/// <param name="Type">The logical type.</param>
/// <param name="Nullable">Whether the column may hold nulls.</param>
public sealed record Field(string Name, DataType Type, bool Nullable = true)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Type}{(Nullable ? "" : " not null")}";
}
