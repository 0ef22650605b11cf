using System.CommandLine;
using System.Globalization;
using DatumSync.Data.Formats;
using DatumSync.Modules.Convert;

namespace DatumSync.Cli.Commands;

/// <summary><c>datumsync convert IN -o OUT [--to FORMAT]</c>.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("input") { Description = "The dataset to convert." };
        var output = new Option<string>("--output", "-o") { Description = "The output file; its extension picks the format unless --to is given.", Required = true };
        var to = new Option<string?>("--to") { Description = "Output format (csv, tsv, json, ndjson, xlsx, parquet)." };
        var outDelimiter = new Option<string?>("--out-delimiter") { Description = "Delimiter for CSV output (default ',', tab for tsv)." };
        var sheetName = new Option<string?>("--sheet-name") { Description = "Sheet name for Excel output." };
        var read = new ReadOptionSet();
        var common = new CommonOptions();
        var command = new Command("convert", "Convert between CSV/TSV, JSON, NDJSON, Excel and other formats, streaming.") { input, output, to, outDelimiter, sheetName };
        read.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var write = new WriteOptions { Format = parse.GetValue(to)?.ToLowerInvariant() };
            if (parse.GetValue(outDelimiter) is { } d)
                write = write with { Delimiter = d is "\\t" or "tab" ? '\t' : d.Length == 1 ? d[0] : throw new UsageException($"--out-delimiter expects a single character, got '{d}'") };
            if (parse.GetValue(sheetName) is { } sheet)
                write = write with { SheetName = sheet };
            var options = new ConvertOptions { Read = read.Build(parse), Write = write };
            var source = DataSource.FromFile(parse.GetValue(input)!);
            var report = await ProgressDisplay.RunAsync(console, parse.GetValue(common.Quiet), "converting",
                progress => ConvertModule.RunAsync(source, parse.GetValue(output)!, options, progress, cancellationToken: ct));
            common.Emit(parse, console, report, Summarize);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Summarize(TextWriter w, ConvertReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"{r.Input} ({r.InputFormat}, {Sizes.Bytes(r.BytesIn)}) → {r.Output} ({r.OutputFormat}, {Sizes.Bytes(r.BytesOut)}): {r.Rows.ToString("N0", inv)} rows × {r.Columns.Count} columns in {r.ElapsedSeconds.ToString("0.00", inv)} s");
        w.WriteLine("  " + string.Join(", ", r.Columns.Select(c => $"{c.Name} {c.Type}")));
        foreach (var warning in r.Warnings)
            w.WriteLine($"  warning: {warning}");
    }
}
