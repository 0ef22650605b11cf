using System.Globalization;
using System.Net;
using System.Text;

namespace DatumSync.Modules.Detect.Html;

/// <summary>
/// Writes a detect report as one self-contained HTML page: the dataset-type verdict with every candidate's strategy
/// contributions and matched/missing columns, then the columns with their semantic types, confidence, PII flags and
/// evidence.
/// </summary>
/// <remarks>
/// Rendered on the server with <c>&lt;details&gt;</c> for the expandable parts, so the page needs no script at all
/// (a detect report is small: one row per column and a handful of candidates). Every value from the data is
/// HTML-encoded; the page loads nothing from the network.
/// </remarks>
public static class DetectHtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the page for <paramref name="report"/> to <paramref name="output"/> (UTF-8).</summary>
    public static void Write(Stream output, DetectReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(16 * 1024);
        var title = "Detect — " + Path.GetFileName(report.Source);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>");

        html.Append("<header><p class=\"brand\">DatumSync detect</p><h1>").Append(E(report.Source)).Append("</h1><p class=\"sub\">")
            .Append(E(report.Format)).Append(" · ").Append(report.Rows.ToString("N0", Inv)).Append(" rows × ")
            .Append(report.Columns.Count.ToString(Inv)).Append(" columns · rules: ").Append(E(report.Rules)).Append(" · ")
            .Append(report.ElapsedSeconds.ToString("0.00", Inv)).Append(" s</p></header>");

        WriteVerdict(html, report.DatasetType);
        WriteColumns(html, report);
        html.Append("<footer>Made by DatumSync · self-contained: this file loads nothing from the network</footer></main></body></html>\n");
        output.Write(Encoding.UTF8.GetBytes(html.ToString()));
    }

    private static void WriteVerdict(StringBuilder html, DatasetTypeVerdict d)
    {
        html.Append("<section id=\"dataset-type\"><h2>Dataset type</h2><div class=\"verdict ").Append(LevelClass(d.Level)).Append("\">");
        if (d.NeedsManualChoice)
            html.Append("<p class=\"big\">Not sure — choose manually</p>");
        else
            html.Append("<p class=\"big\">").Append(E(d.Best ?? "unknown")).Append(" <span class=\"score\">").Append(Pct(d.Score)).Append(" · ")
                .Append(E(d.Level)).Append("</span></p>");
        html.Append("<p>").Append(E(d.Message)).Append("</p></div>");

        html.Append("<table class=\"candidates\"><caption>Candidates, best first: the points each strategy earned (strict name × 1.0, name pattern × 0.8, data type × 0.6, heuristics × 0.4) add up to the score</caption>")
            .Append("<thead><tr><th scope=\"col\">Type</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Level</th>")
            .Append("<th scope=\"col\" class=\"num\">Strict name</th><th scope=\"col\" class=\"num\">Name pattern</th><th scope=\"col\" class=\"num\">Data type</th>")
            .Append("<th scope=\"col\" class=\"num\">Heuristics</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        foreach (var c in d.Candidates)
        {
            var s = c.Strategies;
            html.Append("<tr><th scope=\"row\">").Append(E(c.Type)).Append("</th><td class=\"num\">").Append(Bar(c.Score / 100)).Append(Pct(c.Score))
                .Append("</td><td><span class=\"level ").Append(LevelClass(c.Level)).Append("\">").Append(E(c.Level.Replace('_', ' '))).Append("</span></td>")
                .Append("<td class=\"num\">").Append(Points(s.StrictName)).Append("</td><td class=\"num\">").Append(Points(s.NamePattern))
                .Append("</td><td class=\"num\">").Append(Points(s.DataType)).Append("</td><td class=\"num\">").Append(Points(s.Heuristics))
                .Append("</td><td><details><summary>").Append(c.MatchedColumns.Count.ToString(Inv)).Append(" matched · ")
                .Append(c.MissingColumns.Count.ToString(Inv)).Append(" missing</summary>");
            if (c.MatchedColumns.Count > 0)
            {
                html.Append("<p><b>Matched</b></p><ul>");
                foreach (var m in c.MatchedColumns)
                    html.Append("<li>").Append(E(m.Role)).Append(" = <code>").Append(E(m.Column)).Append("</code> <span class=\"muted\">(")
                        .Append(E(m.Strategy.Replace('_', ' '))).Append(m.TypeAgrees ? "" : "; type differs").Append(")</span></li>");
                html.Append("</ul>");
            }
            if (c.MissingColumns.Count > 0)
            {
                html.Append("<p><b>Missing</b></p><ul>");
                foreach (var m in c.MissingColumns)
                    html.Append("<li>").Append(E(m.Role)).Append(m.Required ? " <span class=\"tag warn\">required</span>" : "").Append("</li>");
                html.Append("</ul>");
            }
            if (c.Heuristics.Count > 0)
            {
                html.Append("<p><b>Heuristics</b></p><ul>");
                foreach (var h in c.Heuristics)
                    html.Append("<li>").Append(h.Passed ? "✓ " : "✗ ").Append(E(h.Detail)).Append("</li>");
                html.Append("</ul>");
            }
            html.Append("</details></td></tr>");
        }
        html.Append("</tbody></table></section>");
    }

    private static void WriteColumns(StringBuilder html, DetectReport r)
    {
        html.Append("<section id=\"columns\"><h2>Columns</h2>");
        if (r.PiiColumns.Count > 0)
        {
            html.Append("<p class=\"pii-note\"><span class=\"tag pii\">PII</span> personal data in ").Append(r.PiiColumns.Count.ToString(Inv))
                .Append(r.PiiColumns.Count == 1 ? " column: " : " columns: ").Append(E(string.Join(", ", r.PiiColumns))).Append("</p>");
        }
        html.Append("<table class=\"columns\"><thead><tr><th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Column</th><th scope=\"col\">Type</th>")
            .Append("<th scope=\"col\">Semantic type</th><th scope=\"col\" class=\"num\">Confidence</th><th scope=\"col\" class=\"num\">Conforming</th>")
            .Append("<th scope=\"col\" class=\"num\">Distinct</th><th scope=\"col\" class=\"num\">Nulls</th><th scope=\"col\">Evidence</th></tr></thead><tbody>");
        for (var i = 0; i < r.Columns.Count; i++)
        {
            var c = r.Columns[i];
            html.Append("<tr><td class=\"num\">").Append((i + 1).ToString(Inv)).Append("</td><th scope=\"row\">").Append(E(c.Name)).Append("</th><td><code>")
                .Append(E(c.Type)).Append("</code></td><td><span class=\"tag\">").Append(E(c.SemanticType)).Append("</span>")
                .Append(c.Pii ? " <span class=\"tag pii\">PII</span>" : "").Append("</td><td class=\"num\">").Append(Bar(c.Confidence))
                .Append(Pct(c.Confidence * 100)).Append("</td><td class=\"num\">").Append(Pct(c.ConformingShare * 100)).Append("</td><td class=\"num\">")
                .Append(c.DistinctExact ? "" : "≈ ").Append(c.Distinct.ToString("N0", Inv)).Append("</td><td class=\"num\">").Append(c.Nulls.ToString("N0", Inv))
                .Append("</td><td>");
            if (c.Evidence.Count > 0 || c.NonConformingExamples.Count > 0)
            {
                html.Append("<details><summary>").Append(E(c.Evidence.Count > 0 ? c.Evidence[0] : "examples")).Append("</summary><ul>");
                foreach (var e in c.Evidence.Skip(1))
                    html.Append("<li>").Append(E(e)).Append("</li>");
                if (c.NonConformingExamples.Count > 0)
                    html.Append("<li>not conforming: ").Append(string.Join(", ", c.NonConformingExamples.Select(x => "<code>" + E(x) + "</code>"))).Append("</li>");
                html.Append("</ul></details>");
            }
            html.Append("</td></tr>");
        }
        html.Append("</tbody></table></section>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Pct(double percent) => percent.ToString("0.#", Inv) + "%";

    private static string Points(double points) => points.ToString("0.#", Inv);

    private static string Bar(double fraction) =>
        "<span class=\"bar\" aria-hidden=\"true\"><span style=\"width:" + (Math.Clamp(fraction, 0, 1) * 100).ToString("0.#", Inv) + "%\"></span></span>";

    private static string LevelClass(string level) => level switch
    {
        "high" => "high",
        "medium" => "medium",
        "low" => "low",
        _ => "very-low",
    };

    private const string Css = """
        :root{--bg:#f6f7f9;--card:#fff;--fg:#1c2430;--muted:#5b6676;--line:#e3e7ed;--accent:#2f6fde;--high:#1f8a4c;--medium:#b7791f;--low:#c2410c;--pii:#b42318}
        @media (prefers-color-scheme:dark){:root{--bg:#11151b;--card:#1a2029;--fg:#e6eaf0;--muted:#9aa5b4;--line:#2c3440;--accent:#6ea0ff}}
        *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        main{max-width:1200px;margin:0 auto;padding:24px}h1{font-size:22px;margin:2px 0;word-break:break-all}h2{font-size:17px;margin:28px 0 10px}
        .brand{color:var(--accent);font-weight:700;font-size:12px;letter-spacing:.06em;text-transform:uppercase;margin:0}.sub,.muted{color:var(--muted)}
        table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
        caption{text-align:left;color:var(--muted);padding:0 0 6px;font-size:12px}th,td{padding:7px 10px;border-top:1px solid var(--line);text-align:left;vertical-align:top}
        thead th{font-size:12px;color:var(--muted);border-top:0;background:var(--card)}.num{text-align:right;white-space:nowrap}
        code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}details summary{cursor:pointer;color:var(--accent)}details ul{margin:6px 0;padding-left:18px}
        .tag{display:inline-block;padding:1px 8px;border-radius:10px;background:color-mix(in srgb,var(--accent) 14%,transparent);color:var(--accent);font-size:12px;font-weight:600}
        .tag.pii{background:color-mix(in srgb,var(--pii) 14%,transparent);color:var(--pii)}.tag.warn{background:color-mix(in srgb,var(--low) 14%,transparent);color:var(--low)}
        .bar{display:inline-block;width:48px;height:6px;border-radius:3px;background:var(--line);margin-right:6px;vertical-align:middle}
        .bar span{display:block;height:100%;border-radius:3px;background:var(--accent)}
        .verdict{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--muted);border-radius:8px;padding:12px 16px;margin-bottom:14px}
        .verdict.high{border-left-color:var(--high)}.verdict.medium{border-left-color:var(--medium)}.verdict.low,.verdict.very-low{border-left-color:var(--low)}
        .verdict p{margin:4px 0}.big{font-size:20px;font-weight:700}.score{font-size:14px;color:var(--muted);font-weight:500}
        .level{font-weight:600}.level.high{color:var(--high)}.level.medium{color:var(--medium)}.level.low,.level.very-low{color:var(--low)}
        footer{color:var(--muted);font-size:12px;text-align:center;margin:28px 0 8px}@media print{details{display:block}details>*{display:block}}
        """;
}
