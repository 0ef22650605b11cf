
namespace DatumSync.Parquet;

/// <summary>Comparison operators of <see cref="ParquetPredicate"/>.</summary>
public enum ParquetComparison
{
    /// <summary>Equal.</summary>
    Equal,
    /// <summary>Less than.</summary>
    Less,
    /// <summary>Less than or equal.</summary>
    LessOrEqual,
    /// <summary>Greater than.</summary>
    Greater,
    /// <summary>Greater than or equal.</summary>
    GreaterOrEqual,
}

/// <summary>
/// A condition on one column that lets the reader skip row groups whose statistics prove no row can match. It only
/// skips; rows of the groups read are not filtered.
/// </summary>
/// <param name="Column">Column name.</param>
/// <param name="Comparison">The operator.</param>
/// <param name="Value">A <see cref="long"/>, <see cref="double"/>, <see cref="decimal"/>, <see cref="string"/>,
/// <see cref="DateOnly"/>, <see cref="DateTime"/> or <see cref="bool"/>.</param>
public sealed record ParquetPredicate(string Column, ParquetComparison Comparison, object Value);

/// <summary>Parquet-specific read settings.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>Read only these columns (their data alone is read from the file); all readable columns when null.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Skip row groups that cannot match all of these.</summary>
    public IReadOnlyList<ParquetPredicate>? Filters { get; init; }
}
