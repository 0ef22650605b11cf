using System.CommandLine;
using System.Globalization;
using DatumSync.Data.Formats;
using DatumSync.Modules.Detect;
using DatumSync.Modules.Detect.Html;
using DatumSync.Modules.Detect.Rules;

namespace DatumSync.Cli.Commands;

/// <summary><c>datumsync detect FILE</c>: semantic column types (with PII flags) and the dataset type with its reasons.</summary>
internal static class DetectCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The dataset to examine." };
        var rules = new Option<string?>("--rules") { Description = "A rules file (JSON, see docs/detect.md) whose types are added to the built-in ones; a type of the same name replaces the built-in one." };
        var rulesOnly = new Option<bool>("--rules-only") { Description = "Use only the types of --rules, not the built-in ones." };
        var html = new Option<string?>("--html") { Description = "Also write the report as a self-contained HTML page to this file." };
        var sample = new Option<int>("--sample") { Description = "Values sampled per column for semantic types.", DefaultValueFactory = _ => new DetectOptions().SampleSize };
        var read = new ReadOptionSet();
        var common = new CommonOptions();
        var command = new Command("detect", "Detect what each column holds (e-mail, phone, IBAN, date, amount, person name… with confidence and PII flags) and what kind of dataset the file is (customers, orders, events…).")
        {
            file, rules, rulesOnly, sample, html,
        };
        read.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var rulesPath = parse.GetValue(rules);
            var only = parse.GetValue(rulesOnly);
            if (only && rulesPath is null)
                throw new UsageException("--rules-only needs --rules FILE");
            if (parse.GetValue(sample) is < 10 or > 1_000_000)
                throw new UsageException("--sample must be between 10 and 1000000");
            var ruleSet = DatasetRules.Default;
            var rulesSource = "built-in";
            if (rulesPath is not null)
            {
                var custom = DatasetRules.Load(rulesPath);
                (ruleSet, rulesSource) = only ? (custom, rulesPath) : (DatasetRules.Default.Extend(custom), "built-in + " + rulesPath);
            }
            var options = new DetectOptions { Read = read.Build(parse), Rules = ruleSet, RulesSource = rulesSource, SampleSize = parse.GetValue(sample) };
            var source = DataSource.FromFile(parse.GetValue(file)!);
            var report = await ProgressDisplay.RunAsync(console, parse.GetValue(common.Quiet), "detecting",
                progress => DetectModule.RunAsync(source, options, progress, cancellationToken: ct));
            if (parse.GetValue(html) is { } htmlPath)
                AtomicFile.Write(htmlPath, s => DetectHtmlReport.Write(s, report));
            common.Emit(parse, console, report, Summarize);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Summarize(TextWriter w, DetectReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"{r.Source}: {r.Format}, {r.Rows.ToString("N0", inv)} rows × {r.Columns.Count} columns ({r.ElapsedSeconds.ToString("0.00", inv)} s)");
        w.WriteLine();
        var table = new List<string[]> { new[] { "#", "column", "type", "semantic type", "confidence", "pii", "evidence" } };
        for (var i = 0; i < r.Columns.Count; i++)
        {
            var c = r.Columns[i];
            table.Add([(i + 1).ToString(inv), TextTable.Clip(c.Name, 28), c.Type, c.SemanticType, c.Confidence.ToString("0.00", inv), c.Pii ? "PII" : "",
                TextTable.Clip(c.Evidence.Count > 0 ? c.Evidence[0] : "", 70)]);
        }
        TextTable.Write(w, table, indent: "  ");
        if (r.PiiColumns.Count > 0)
            w.WriteLine($"\npersonal data: {string.Join(", ", r.PiiColumns)}");

        var d = r.DatasetType;
        w.WriteLine();
        w.WriteLine(d.NeedsManualChoice
            ? $"dataset type: not sure — {d.Message}"
            : $"dataset type: {d.Best} ({d.Score.ToString("0.#", inv)}%, {d.Level})");
        w.WriteLine($"  rules: {r.Rules}");
        foreach (var c in d.Candidates.Take(3))
        {
            var s = c.Strategies;
            w.WriteLine($"  {c.Type,-16} {c.Score.ToString("0.0", inv),5}%  {c.Level,-8}  strict {P(s.StrictName)} · pattern {P(s.NamePattern)} · type {P(s.DataType)} · heuristics {P(s.Heuristics)}");
            if (c.MatchedColumns.Count > 0)
                w.WriteLine($"      matched: {string.Join(", ", c.MatchedColumns.Select(m => $"{m.Role}={m.Column}{(m.Strategy == "strict_name" ? "" : m.Strategy == "name_pattern" ? " (pattern)" : " (type)")}{(m.TypeAgrees ? "" : " (type differs)")}"))}");
            if (c.MissingColumns.Count > 0)
                w.WriteLine($"      missing: {string.Join(", ", c.MissingColumns.Select(m => m.Required ? m.Role + " (required)" : m.Role))}");
        }
        if (d.Candidates.Count > 3)
            w.WriteLine($"  … {d.Candidates.Count - 3} more (see --json)");
        if (d.NeedsManualChoice)
            w.WriteLine("\nchoose the dataset type manually, or add a rule for this kind of file with --rules (docs/detect.md).");

        string P(double v) => v.ToString("0.#", inv);
    }
}
