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
        var compression = new Option<string?>("--compression") { Description = "Parquet compression: snappy (default), gzip, zstd, lz4, brotli or none; a level as zstd:9." };
        var rowGroupRows = new Option<int?>("--row-group-rows") { Description = "Parquet rows per row group (default 131072)." };
        var read = new ReadOptionSet();
        var common = new CommonOptions();
        var command = new Command("convert", "Convert between CSV/TSV, JSON, NDJSON, Excel, XML (read) and Parquet, streaming.") { input, output, to, outDelimiter, sheetName, compression, rowGroupRows };
        read.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var write = new WriteOptions { Format = parse.GetValue(to)?.ToLowerInvariant() };
            if (parse.GetValue(outDelimiter) is { } d)
                write = write with { Delimiter = d is "\\t" or "tab" ? '\t' : d.Length == 1 ? d[0] : throw new UsageException($"--out-delimiter expects a single character, got '{d}'") };
            if (parse.GetValue(sheetName) is { } sheet)
                write = write with { SheetName = sheet };
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            if (parse.GetValue(compression) is { } codec)
                settings[Parquet.ParquetWriteOptions.Keys.Compression] = ParquetCompressionArgument(codec);
            if (parse.GetValue(rowGroupRows) is { } groupRows)
                settings[Parquet.ParquetWriteOptions.Keys.RowGroupRows] = groupRows > 0 ? groupRows.ToString(CultureInfo.InvariantCulture) : throw new UsageException("--row-group-rows must be positive");
            if (settings.Count > 0)
                write = write with { Settings = settings };
            var options = new ConvertOptions { Read = read.Build(parse), Write = write };
            var source = DataSource.FromFile(parse.GetValue(input)!);
            var report = await ProgressDisplay.RunAsync(console, parse.GetValue(common.Quiet), "converting",
                progress => ConvertModule.RunAsync(source, parse.GetValue(output)!, options, progress, cancellationToken: ct));
            common.Emit(parse, console, report, Summarize);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string ParquetCompressionArgument(string text)
    {
        try
        {
            Parquet.Compression.ParquetCompressionOptions.Parse(text);
            return text;
        }
        catch (FormatException e)
        {
            throw new UsageException($"--compression: {e.Message}");
        }
    }

    private static void Summarize(TextWriter w, ConvertReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"{r.Input} ({r.InputFormat}, {Sizes.Bytes(r.BytesIn)}) → {r.Output} ({r.OutputFormat}, {Sizes.Bytes(r.BytesOut)}): {r.Rows.ToString("N0", inv)} rows × {r.Columns.Count} columns in {r.ElapsedSeconds.ToString("0.00", inv)} s");
        w.WriteLine("  " + string.Join(", ", r.Columns.Select(c => $"{c.Name} {c.Type}")));
        if (r.SizeRatio is { } ratio)
            w.WriteLine($"  output is {ratio.ToString("P1", inv)} of the input size");
        if (r.Parquet is { } parquet)
            InspectCommand.SummarizeParquet(w, parquet);
        foreach (var warning in r.Warnings)
            w.WriteLine($"  warning: {warning}");
    }
}
