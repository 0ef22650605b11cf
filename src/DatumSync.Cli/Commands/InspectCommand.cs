using System.CommandLine;
using System.Globalization;
using DatumSync.Data.Formats;
using DatumSync.Modules.Inspect;

namespace DatumSync.Cli.Commands;

/// <summary><c>datumsync inspect FILE</c>: format, dialect, encoding, schema with confidence, row count, first rows.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The dataset to inspect." };
        var rows = new Option<int>("--rows", "-n") { Description = "Rows to preview.", DefaultValueFactory = _ => 5 };
        var read = new ReadOptionSet();
        var common = new CommonOptions();
        var command = new Command("inspect", "Show a dataset's format, dialect, encoding, inferred schema (with confidence), row count and first rows.") { file, rows };
        read.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new InspectOptions { Read = read.Build(parse), PreviewRows = Math.Max(0, parse.GetValue(rows)) };
            var source = DataSource.FromFile(parse.GetValue(file)!);
            var report = await ProgressDisplay.RunAsync(console, parse.GetValue(common.Quiet), "inspecting",
                progress => InspectModule.RunAsync(source, options, progress, cancellationToken: ct));
            common.Emit(parse, console, report, Summarize);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The footer: writer, row groups, and per column its encodings, codec, sizes and statistics.</summary>
    internal static void SummarizeParquet(TextWriter w, Parquet.ParquetFileInfo p)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine();
        var groups = p.RowGroups;
        w.WriteLine($"parquet: {groups.Count} row group{(groups.Count == 1 ? "" : "s")} ({(groups.Count <= 6 ? string.Join(", ", groups.Select(g => g.Rows.ToString("N0", inv))) : $"{groups[0].Rows.ToString("N0", inv)}, … {groups[^1].Rows.ToString("N0", inv)}")} rows), written by {p.CreatedBy ?? "unknown"}");
        var table = new List<string[]> { new[] { "column", "physical", "logical", "encodings", "codec", "compressed", "ratio", "nulls", "min", "max" } };
        for (var c = 0; c < p.Columns.Count; c++)
        {
            var chunks = groups.Select(g => g.Columns[c]).ToList();
            var compressed = chunks.Sum(x => x.CompressedBytes);
            var uncompressed = chunks.Sum(x => x.UncompressedBytes);
            var column = p.Columns[c];
            table.Add([
                column.Path,
                column.PhysicalType,
                column.LogicalType,
                string.Join(",", chunks.SelectMany(x => x.Encodings).Distinct()),
                string.Join(",", chunks.Select(x => x.Codec).Distinct()),
                Sizes.Bytes(compressed),
                uncompressed > 0 ? (compressed / (double)uncompressed).ToString("0.00", inv) : "",
                chunks.All(x => x.Nulls is not null) ? chunks.Sum(x => x.Nulls!.Value).ToString("N0", inv) : "",
                groups.Count == 1 ? TextTable.Clip(chunks[0].Min ?? "", 24) : "",
                groups.Count == 1 ? TextTable.Clip(chunks[0].Max ?? "", 24) : "",
            ]);
        }
        TextTable.Write(w, table, indent: "  ");
        if (groups.Count > 1)
            w.WriteLine("  (min/max are per row group: see --json)");
    }

    internal static void Summarize(TextWriter w, InspectReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"{r.File}: {r.Format}, {Sizes.Bytes(r.Bytes)}, {r.Rows.ToString("N0", inv)} rows × {r.Columns.Count} columns ({r.ElapsedSeconds.ToString("0.00", inv)} s)");
        if (r.Details.Count > 0)
            w.WriteLine("  " + string.Join(" · ", r.Details.Select(kv => $"{kv.Key} {kv.Value}")));
        w.WriteLine();
        var table = new List<string[]> { new[] { "#", "column", "type", "confidence", "nulls", "notes" } };
        for (var i = 0; i < r.Columns.Count; i++)
        {
            var c = r.Columns[i];
            table.Add([(i + 1).ToString(inv), c.Name, c.Type, c.Confidence?.ToString("0.00", inv) ?? "", c.Nulls.ToString("N0", inv), string.Join("; ", c.Notes)]);
        }
        TextTable.Write(w, table, indent: "  ");
        if (r.Parquet is { } parquet)
            SummarizeParquet(w, parquet);
        if (r.Preview.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"first {r.Preview.Count} row{(r.Preview.Count == 1 ? "" : "s")}:");
            var preview = new List<string[]> { r.Columns.Select(c => c.Name).ToArray() };
            preview.AddRange(r.Preview.Select(row => row.Select(v => TextTable.Clip(v ?? "∅", 28)).ToArray()));
            TextTable.Write(w, preview, indent: "  ", separator: " │ ");
        }
        if (r.Warnings.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("warnings:");
            foreach (var warning in r.Warnings)
                w.WriteLine($"  - {warning}");
        }
    }
}
