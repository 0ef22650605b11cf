using System.CommandLine;
using System.Globalization;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Modules.Profile;
using DatumSync.Modules.Profile.Html;

namespace DatumSync.Cli.Commands;

/// <summary><c>datumsync profile FILE</c>: per-column statistics, sketches, patterns, correlations; JSON/HTML reports; drift against a baseline.</summary>
internal static class ProfileCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The dataset to profile." };
        var html = new Option<string?>("--html") { Description = "Also write the report as a self-contained HTML page to this file." };
        var compare = new Option<string?>("--compare") { Description = "A profile report (JSON) of an earlier dataset: report schema changes, null-rate changes and drift against it." };
        var read = new ReadOptionSet();
        var common = new CommonOptions();
        var command = new Command("profile", "Profile a dataset: counts, distinct values, moments, quantiles, histograms, frequent values, patterns, date ranges, semantic types and correlations.")
        {
            file, html, compare,
        };
        read.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new ProfileOptions { Read = read.Build(parse) };
            // The baseline is read first: a bad one fails fast, before minutes of profiling.
            byte[]? baseline = null;
            var baselinePath = parse.GetValue(compare);
            if (baselinePath is not null)
            {
                baseline = File.Exists(baselinePath)
                    ? await File.ReadAllBytesAsync(baselinePath, ct)
                    : throw new DataFormatException($"{baselinePath}: baseline report not found");
                NotAProfileReport(baselinePath, () => ProfileJson.CheckBaseline(baseline));
            }
            var source = DataSource.FromFile(parse.GetValue(file)!);
            var report = await ProgressDisplay.RunAsync(console, parse.GetValue(common.Quiet), "profiling",
                progress => ProfileModule.RunAsync(source, options, progress, cancellationToken: ct));
            if (baseline is not null)
                NotAProfileReport(baselinePath!, () => report = ProfileJson.WithComparison(report, baseline, Path.GetFileName(baselinePath!)));
            var json = ProfileJson.Serialize(report);
            if (parse.GetValue(html) is { } htmlPath)
                AtomicFile.Write(htmlPath, s => ProfileHtmlReport.Write(s, json));
            common.Emit(parse, console, json, w => Summarize(w, report));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs <paramref name="read"/>, turning a malformed baseline into one line naming its file.</summary>
    private static void NotAProfileReport(string path, Action read)
    {
        try
        {
            read();
        }
        catch (FormatException e)
        {
            throw new DataFormatException($"{path}: not a profile report: {e.Message}");
        }
    }

    internal static void Summarize(TextWriter w, ProfileReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"{r.Source}: {r.Format}, {Sizes.Bytes(r.SizeBytes)}, {r.Rows.ToString("N0", inv)} rows × {r.ColumnCount} columns ({r.ElapsedSeconds.ToString("0.00", inv)} s)");
        w.WriteLine($"  duplicate rows: {(r.DuplicateRows.Exact ? "" : "~")}{r.DuplicateRows.Estimate.ToString("N0", inv)}");
        w.WriteLine();
        var table = new List<string[]> { new[] { "#", "column", "type", "nulls", "distinct", "min", "max", "mean", "p50", "top value", "semantic" } };
        for (var i = 0; i < r.Columns.Count; i++)
        {
            var c = r.Columns[i];
            table.Add([
                (i + 1).ToString(inv),
                TextTable.Clip(c.Name, 24),
                c.Type,
                c.Nulls == 0 ? "0" : $"{c.Nulls.ToString("N0", inv)} ({(c.NullFraction * 100).ToString("0.#", inv)}%)",
                (c.DistinctExact ? "" : "~") + c.Distinct.ToString("N0", inv),
                TextTable.Clip(Show(c.Min), 20),
                TextTable.Clip(Show(c.Max), 20),
                c.Mean is { } m ? Show(m) : c.Length is { } l ? $"len {l.Mean.ToString("0.#", inv)}" : "",
                TextTable.Clip(c.Quantiles is { } q && q.TryGetValue("p50", out var p50) ? Show(p50) : "", 20),
                c.TopValues is [var top, ..] ? TextTable.Clip($"{top.Value} ({top.Count.ToString("N0", inv)})", 24) : "",
                c.SemanticType == "unknown" ? "" : $"{c.SemanticType}{(c.Pii ? " (PII)" : "")}",
            ]);
        }
        TextTable.Write(w, table, indent: "  ");
        var strong = r.Correlations.Values.Where(v => Math.Abs(v.Value) >= 0.5).OrderByDescending(v => Math.Abs(v.Value)).Take(10).ToList();
        if (strong.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("strongest correlations:");
            foreach (var v in strong)
                w.WriteLine($"  {v.A} ~ {v.B}: {v.Method} {v.Value.ToString("0.###", inv)}");
        }
        if (r.Comparison is { } cmp)
        {
            w.WriteLine();
            w.WriteLine($"compared with {cmp.Baseline} ({cmp.BaselineRows.ToString("N0", inv)} rows): {cmp.SchemaChanges.Count} schema change{(cmp.SchemaChanges.Count == 1 ? "" : "s")}, {cmp.DriftedColumns} drifted column{(cmp.DriftedColumns == 1 ? "" : "s")}");
            foreach (var s in cmp.SchemaChanges)
                w.WriteLine($"  {s.Column}: {s.Change.Replace('_', ' ')}{(s.Change == "type_changed" ? $" {s.OldType} → {s.NewType}" : "")}");
            foreach (var d in cmp.Columns.Where(d => d.Drift != "none"))
                w.WriteLine($"  {d.Name}: {d.Drift} drift (PSI {d.Psi?.ToString("0.###", inv) ?? "n/a"}{(d.KsPValue is { } kp ? $", KS {d.Ks?.ToString("0.###", inv)} p={kp.ToString("0.####", inv)}" : "")}{(d.ChiSquarePValue is { } cp ? $", χ² p={cp.ToString("0.####", inv)}" : "")})");
        }
        var warnings = r.Warnings.Concat(r.Columns.SelectMany(c => c.Warnings.Select(x => $"{c.Name}: {x}"))).ToList();
        if (warnings.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("warnings:");
            foreach (var warning in warnings)
                w.WriteLine($"  - {warning}");
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "",
        double d => Math.Abs(d) >= 1e15 || (d != 0 && Math.Abs(d) < 1e-4) ? d.ToString("G6", CultureInfo.InvariantCulture) : Math.Round(d, 4).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
