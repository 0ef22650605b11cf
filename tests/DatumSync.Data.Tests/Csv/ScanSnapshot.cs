using System.Text;
using DatumSync.Data.Formats.Csv;

namespace DatumSync.Data.Tests.Csv;

/// <summary>
/// One scan's outcome as a compact string (<c>consumed=7 quoted=False | 0-1,2-3 | 4-6</c>), so thousands of
/// comparisons stay cheap and a mismatch shows where the paths differ.
/// </summary>
internal static class ScanSnapshot
{
    public static string Of(CsvFieldIndex index, int consumed, int offset = 0)
    {
        var sb = new StringBuilder();
        sb.Append("consumed=").Append(consumed + offset).Append(" quoted=").Append(index.EndedInsideQuotes);
        AppendRows(sb, index, offset);
        return sb.ToString();
    }

    public static string Of(ReferenceCsvStateMachine.Result result)
    {
        var sb = new StringBuilder();
        sb.Append("consumed=").Append(result.Consumed).Append(" quoted=").Append(result.EndedInsideQuotes);
        AppendRows(sb, result.Rows);
        return sb.ToString();
    }

    /// <summary>Rows as absolute (start, end) pairs, shifted by <paramref name="offset"/>.</summary>
    public static List<List<(int Start, int End)>> Rows(CsvFieldIndex index, int offset = 0)
    {
        var rows = new List<List<(int Start, int End)>>(index.RowCount);
        for (var r = 0; r < index.RowCount; r++)
        {
            var fields = new List<(int Start, int End)>();
            for (var f = 0; f < index.GetFieldCount(r); f++)
            {
                var (start, length) = index.GetField(r, f);
                fields.Add((start + offset, start + length + offset));
            }
            rows.Add(fields);
        }
        return rows;
    }

    public static void AppendRows(StringBuilder sb, CsvFieldIndex index, int offset) => AppendRows(sb, Rows(index, offset));

    public static void AppendRows(StringBuilder sb, List<List<(int Start, int End)>> rows)
    {
        foreach (var row in rows)
        {
            sb.Append(" |");
            for (var f = 0; f < row.Count; f++)
                sb.Append(f == 0 ? " " : ",").Append(row[f].Start).Append('-').Append(row[f].End);
        }
    }

    /// <summary>Bytes shown with control characters escaped, for failure messages.</summary>
    public static string Show(ReadOnlySpan<byte> data) =>
        Encoding.UTF8.GetString(data).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
