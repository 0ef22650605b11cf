using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using DatumSync.Browser.Tests.Data;
using DatumSync.Modules.Profile.Html;
using Xunit.Abstractions;

namespace DatumSync.Browser.Tests.Profile;

/// <summary>The page writer on its own: what it embeds, how it escapes, how big the page is.</summary>
public sealed partial class ProfileHtmlWriterTests(ITestOutputHelper output)
{
    private const string DataOpen = "<script type=\"application/json\" id=\"report-data\">";

    private static string EmbeddedJson(byte[] page)
    {
        var html = Encoding.UTF8.GetString(page);
        var start = html.IndexOf(DataOpen, StringComparison.Ordinal);
        start.Should().BePositive("the page embeds the report in its data block");
        start += DataOpen.Length;
        // The data block ends at the first "</script" the HTML parser meets, exactly as a browser would cut it.
        var end = html.IndexOf("</script", start, StringComparison.OrdinalIgnoreCase);
        return html[start..end];
    }

    [Theory]
    [InlineData(ReportFixtures.Mixed)]
    [InlineData(ReportFixtures.Comparison)]
    public void Embedded_json_parses_back_to_the_same_report(string fixture)
    {
        var json = ReportFixtures.Read(fixture);
        var embedded = EmbeddedJson(ReportFixtures.Page(json));

        JsonNode.DeepEquals(JsonNode.Parse(embedded), JsonNode.Parse(json)).Should().BeTrue();
    }

    [Fact]
    public void A_script_end_tag_in_a_column_name_cannot_end_the_data_block()
    {
        var json = ReportFixtures.Read(ReportFixtures.Mixed);
        Encoding.UTF8.GetString(json).Should().Contain("</script><script>alert(1)</script>", "the fixture carries the attack");

        var html = Encoding.UTF8.GetString(ReportFixtures.Page(json));

        Regex.Count(html, "<script", RegexOptions.IgnoreCase).Should().Be(2, "only the data block and the page's own script");
        Regex.Count(html, "</script", RegexOptions.IgnoreCase).Should().Be(2);
        html.Should().NotContain("<!--", "a comment opener inside a script block changes how the HTML parser ends it");
        EmbeddedJson(Encoding.UTF8.GetBytes(html)).Should().Contain(@"\u003c/script>\u003cscript>alert(1)\u003c/script>");
    }

    [Fact]
    public void Line_and_paragraph_separators_are_written_as_escapes()
    {
        var json = Encoding.UTF8.GetBytes("{\"source\":\"a\u2028b\",\"columns\":[{\"name\":\"c\u2029d\"}]}");

        var page = ReportFixtures.Page(json);

        Encoding.UTF8.GetString(page).Should().NotContain("\u2028").And.NotContain("\u2029");
        var embedded = EmbeddedJson(page);
        embedded.Should().Contain(@"a\u2028b").And.Contain(@"c\u2029d");
        JsonNode.DeepEquals(JsonNode.Parse(embedded), JsonNode.Parse(json)).Should().BeTrue();
    }

    [Fact]
    public void Escaped_quotes_and_backslashes_survive_and_whitespace_outside_strings_is_dropped()
    {
        var json = Encoding.UTF8.GetBytes("{\n  \"source\" : \"a \\\"quoted\\\" <b> \\\\\",\n  \"columns\" : [ { \"name\" : \"  spaced  name \" } ]\n}\n");

        var embedded = EmbeddedJson(ReportFixtures.Page(json));

        embedded.Should().Be("{\"source\":\"a \\\"quoted\\\" \\u003cb> \\\\\",\"columns\":[{\"name\":\"  spaced  name \"}]}");
        JsonNode.DeepEquals(JsonNode.Parse(embedded), JsonNode.Parse(json)).Should().BeTrue();
    }

    [Fact]
    public void The_page_is_valid_utf8_and_keeps_non_ascii_text_as_is()
    {
        var page = ReportFixtures.Page(ReportFixtures.Read(ReportFixtures.Mixed));

        Utf8.IsValid(page).Should().BeTrue();
        Encoding.UTF8.GetString(page).Should().Contain("ünïcødé ✓ 😀");
    }

    [Fact]
    public void The_title_names_the_source_html_encoded()
    {
        var page = Encoding.UTF8.GetString(ReportFixtures.Page(Encoding.UTF8.GetBytes("{\"source\":\"<b>&x.csv\",\"columns\":[]}")));

        page.Should().Contain("<title>Profile · &lt;b&gt;&amp;x.csv</title>");
    }

    [Theory]
    [InlineData("{\"columns\":[}")]
    [InlineData("{\"columns\":[]} trailing")]
    [InlineData("")]
    public void Invalid_json_is_refused(string text)
    {
        var act = () => ReportFixtures.Page(Encoding.UTF8.GetBytes(text));

        act.Should().Throw<ArgumentException>().WithMessage("The profile report is*");
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var act = () => ReportFixtures.Page([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        act.Should().Throw<ArgumentException>().WithMessage("*not valid UTF-8*");
    }

    [Fact]
    public void The_page_references_nothing_outside_itself_and_forbids_it_by_policy()
    {
        var html = Encoding.UTF8.GetString(ReportFixtures.Page(ReportFixtures.Read(ReportFixtures.Mixed)));

        ExternalReference().IsMatch(html).Should().BeFalse("no src/href/url() may point at a network address");
        html.Should().MatchRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';[^\"]*script-src 'sha256-[A-Za-z0-9+/=]+'");
        html.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval");
    }

    [Fact]
    public void The_pages_own_weight_stays_under_60_KB()
    {
        var emptyReport = "{\"columns\":[]}"u8.ToArray();

        var weight = ReportFixtures.Page(emptyReport).Length - emptyReport.Length;

        output.WriteLine($"page weight without the report: {weight:N0} bytes");
        weight.Should().BeLessThan(60 * 1024);
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(500, false)]
    [InlineData(500, true)]
    public void A_wide_report_page_stays_under_2_MB(int columns, bool withComparison)
    {
        var json = WideReportGenerator.Generate(columns, withComparison: withComparison);

        var page = ReportFixtures.Page(json);

        output.WriteLine($"{columns} columns{(withComparison ? " with a comparison" : "")}: report JSON {json.Length:N0} bytes, page {page.Length:N0} bytes");
        page.Length.Should().BeLessThan(2 * 1024 * 1024);
        JsonNode.DeepEquals(JsonNode.Parse(EmbeddedJson(page)), JsonNode.Parse(json)).Should().BeTrue();
    }

    [Fact]
    public void The_writer_keeps_its_placeholder_free_signature_and_writes_to_any_stream()
    {
        using var stream = new MemoryStream();
        ProfileHtmlReport.Write(stream, "{\"columns\":[]}"u8);

        var html = Encoding.UTF8.GetString(stream.ToArray());
        html.Should().StartWith("<!doctype html>").And.NotContain("{{").And.EndWith("</html>\n");
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
