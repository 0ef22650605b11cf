using System.Text;
using DatumSync.Data;
using DatumSync.Data.Formats;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>Tables of canonical text, compared cell by cell with a readable list of the first differences.</summary>
internal static class Cells
{
    /// <summary>Asserts <paramref name="actual"/> equals <paramref name="expected"/> (row-major canonical text).</summary>
    /// <param name="columns">Column names, for the report.</param>
    /// <param name="because">Who read what, for the report.</param>
    /// <param name="equal">How a pair of cells compares (exact text when null): for documented engine differences.</param>
    public static void ShouldEqual(string?[][] actual, string?[][] expected, IReadOnlyList<string> columns, string because,
        Func<int, string?, string?, bool>? equal = null)
    {
        var report = new StringBuilder();
        var mismatches = 0;
        if (actual.Length != expected.Length)
            report.AppendLine($"{actual.Length} rows, expected {expected.Length}");
        for (var r = 0; r < Math.Min(actual.Length, expected.Length); r++)
        {
            if (actual[r].Length != expected[r].Length)
            {
                report.AppendLine($"row {r}: {actual[r].Length} cells, expected {expected[r].Length}");
                mismatches++;
                continue;
            }
            for (var c = 0; c < expected[r].Length; c++)
            {
                var same = equal is null ? actual[r][c] == expected[r][c] : equal(c, actual[r][c], expected[r][c]);
                if (same)
                    continue;
                if (++mismatches <= 20)
                    report.AppendLine($"row {r}, column {columns[c]}: {Show(actual[r][c])}, expected {Show(expected[r][c])}");
            }
        }
        if (mismatches > 20)
            report.AppendLine($"... {mismatches - 20} more");
        report.ToString().Should().BeEmpty(because);
    }

    private static string Show(string? text) => text is null ? "null" : text.Length > 80 ? $"\"{text[..77]}...\" ({text.Length} chars)" : $"\"{text}\"";

    /// <summary>Reads a Parquet file with our reader: schema, canonical text row-major, warnings.</summary>
    public static async Task<(Data.Schema Schema, string?[][] Rows, IReadOnlyList<string> Warnings)> ReadOursAsync(string path,
        ParquetReadOptions? parquet = null, int batchRows = 1000)
    {
        await using var reader = await ParquetReader.OpenAsync(DataSource.FromFile(path), new ReadOptions { BatchRows = batchRows }, parquet);
        var rows = new List<string?[]>();
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                for (var r = 0; r < batch.RowCount; r++)
                    rows.Add([.. batch.Columns.Select(c => c.GetText(r))]);
            }
        }
        return (reader.Schema, [.. rows], reader.Warnings);
    }
}
