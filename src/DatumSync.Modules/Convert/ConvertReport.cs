namespace DatumSync.Modules.Convert;

/// <summary>What <c>convert</c> did.</summary>
/// <param name="Input">Input name.</param>
/// <param name="Output">Output path.</param>
/// <param name="InputFormat">Input format.</param>
/// <param name="OutputFormat">Output format.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="BytesIn">Input size.</param>
/// <param name="BytesOut">Output size.</param>
/// <param name="Columns">The schema written.</param>
/// <param name="Restarts">Times the read restarted because a late value widened a column.</param>
/// <param name="Warnings">Things to look at.</param>
/// <param name="ElapsedSeconds">Wall time.</param>
/// <param name="Parquet">For Parquet output, the footer written: row groups, per-column encodings, codec and statistics.</param>
public sealed record ConvertReport(
    string Input,
    string Output,
    string InputFormat,
    string OutputFormat,
    long Rows,
    long? BytesIn,
    long BytesOut,
    IReadOnlyList<ColumnReport> Columns,
    int Restarts,
    IReadOnlyList<string> Warnings,
    double ElapsedSeconds,
    Parquet.ParquetFileInfo? Parquet = null)
{
    /// <summary>Output size over input size.</summary>
    public double? SizeRatio => BytesIn is > 0 ? Math.Round(BytesOut / (double)BytesIn.Value, 4) : null;
}
