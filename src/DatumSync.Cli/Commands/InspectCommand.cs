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
