namespace DatumSync.Cli;

/// <summary>Plain aligned text tables: readable in a terminal and stable when piped.</summary>
internal static class TextTable
{
    public static void Write(TextWriter w, IReadOnlyList<string[]> rows, string indent = "", string separator = "  ")
    {
        if (rows.Count == 0)
            return;
        var widths = new int[rows.Max(r => r.Length)];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        }
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            w.WriteLine((indent + string.Join(separator, cells)).TrimEnd());
        }
    }

    public static string Clip(string text, int max)
    {
        text = text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }
}

/// <summary>Human-readable sizes.</summary>
internal static class Sizes
{
    public static string Bytes(long? bytes)
    {
        if (bytes is not { } b)
            return "size unknown";
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = b;
        var u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }
        return u == 0 ? $"{b} B" : $"{v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} {units[u]}";
    }
}
