namespace DatumSync.Parquet;

/// <summary>
/// A Parquet file that cannot be read: the message names the file and, where known, the row group, column and page,
/// and what was expected.
/// </summary>
public sealed class ParquetException : Data.DataFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="rowGroup">0-based row group, if known.</param>
    /// <param name="column">Column path, if known.</param>
    /// <param name="page">0-based page within the column chunk, if known.</param>
    /// <param name="inner">The underlying exception.</param>
    public ParquetException(string? source, string problem, int? rowGroup = null, string? column = null, int? page = null, Exception? inner = null)
        : base(Compose(source, rowGroup, column, page) + problem, inner!)
    {
        RowGroup = rowGroup;
        ColumnPath = column;
        Page = page;
    }

    /// <summary>Row group, if known.</summary>
    public int? RowGroup { get; }

    /// <summary>Column path, if known.</summary>
    public string? ColumnPath { get; }

    /// <summary>Page, if known.</summary>
    public int? Page { get; }

    private static string Compose(string? source, int? rowGroup, string? column, int? page)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(source))
            parts.Add(source);
        if (rowGroup is not null)
            parts.Add($"row group {rowGroup}");
        if (column is not null)
            parts.Add($"column '{column}'");
        if (page is not null)
            parts.Add($"page {page}");
        return parts.Count == 0 ? "" : string.Join(", ", parts) + ": ";
    }
}
