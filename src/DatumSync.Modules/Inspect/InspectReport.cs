namespace DatumSync.Modules.Inspect;

/// <summary>What <c>inspect</c> found: format, dialect, schema with confidence, row count and a preview.</summary>
/// <param name="File">The input's name.</param>
/// <param name="Format">Detected or given format.</param>
/// <param name="Bytes">Input size.</param>
/// <param name="Details">Format details (encoding, delimiter, header, sheet, ...).</param>
/// <param name="Rows">Data rows in the whole input.</param>
/// <param name="Columns">The verified schema.</param>
/// <param name="Preview">The first rows, as text (null for nulls).</param>
/// <param name="Warnings">Things to look at.</param>
/// <param name="ElapsedSeconds">Wall time.</param>
/// <param name="Parquet">For Parquet files, what the footer says (row groups, encodings, codecs, statistics).</param>
public sealed record InspectReport(
    string File,
    string Format,
    long? Bytes,
    IReadOnlyDictionary<string, string> Details,
    long Rows,
    IReadOnlyList<ColumnReport> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Preview,
    IReadOnlyList<string> Warnings,
    double ElapsedSeconds,
    Parquet.ParquetFileInfo? Parquet = null);
