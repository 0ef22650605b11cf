using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Modules.Detect;
using DatumSync.Modules.Detect.Html;

namespace DatumSync.Modules.Tests.Detect;

public class DetectHtmlReportTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "detect", name);

    private static async Task<(DetectReport Report, string Html)> RenderAsync(DataSource source)
    {
        var report = await DetectModule.RunAsync(source, new DetectOptions());
        using var output = new MemoryStream();
        DetectHtmlReport.Write(output, report);
        return (report, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task The_page_shows_the_verdict_every_candidate_and_every_column()
    {
        var (report, html) = await RenderAsync(DataSource.FromFile(Fixture("customers.csv")));

        report.DatasetType.NeedsManualChoice.Should().BeFalse();
        html.Should().StartWith("<!doctype html>").And.EndWith("</html>\n");
        html.Should().Contain("<p class=\"big\">customers <span class=\"score\">");
        foreach (var candidate in report.DatasetType.Candidates)
            html.Should().Contain("<th scope=\"row\">" + candidate.Type + "</th>");
        foreach (var column in report.Columns)
            html.Should().Contain("<th scope=\"row\">" + System.Net.WebUtility.HtmlEncode(column.Name) + "</th>");
        html.Should().Contain("personal data in " + report.PiiColumns.Count + " columns");
    }

    [Fact]
    public async Task An_unsure_verdict_asks_for_a_manual_choice()
    {
        var (report, html) = await RenderAsync(DataSource.FromFile(Fixture("ambiguous-generic.csv")));

        report.DatasetType.NeedsManualChoice.Should().BeTrue();
        html.Should().Contain("Not sure — choose manually");
    }

    [Fact]
    public async Task Markup_in_names_and_values_is_encoded_and_the_page_loads_nothing()
    {
        var csv = "\"</td><script>alert(1)</script>\",note\n\"<img src=x onerror=alert(2)>\",a\n\"<b>bold</b>\",b\n";
        var (_, html) = await RenderAsync(DataSource.FromBytes(Encoding.UTF8.GetBytes(csv), "evil<name>.csv"));

        html.Should().NotContain("<script>").And.NotContain("<img").And.NotContain("<b>bold");
        html.Should().Contain("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("evil&lt;name&gt;.csv");
        html.Should().NotContain("http://").And.NotContain("https://").And.NotContain("src=\"");
        html.Should().Contain("Content-Security-Policy");
    }
}
