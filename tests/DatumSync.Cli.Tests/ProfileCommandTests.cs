using System.Text;
using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

public class ProfileCommandTests
{
    private static string Orders(int rows, int shift = 0)
    {
        var sb = new StringBuilder("id,amount,country,day\n");
        for (var i = 0; i < rows; i++)
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{(i * 37 % 1000) / 10.0 + shift},{(i % 3 == 0 ? "DE" : "US")},2024-01-{i % 28 + 1:00}\n");
        return sb.ToString();
    }

    [Fact]
    public async Task Profile_json_has_rows_columns_and_statistics()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders(1_000));

        var result = await CliRunner.RunAsync("profile", file, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("rows").GetInt64().Should().Be(1_000);
        root.GetProperty("format").GetString().Should().Be("csv");
        var amount = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "amount");
        amount.GetProperty("kind").GetString().Should().Be("numeric");
        amount.GetProperty("min").GetDouble().Should().Be(0);
        amount.GetProperty("max").GetDouble().Should().Be(99.9);
        amount.GetProperty("quantiles").GetProperty("p50").GetDouble().Should().BeApproximately(50, 1);
        var country = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "country");
        country.GetProperty("top_values")[0].GetProperty("value").GetString().Should().Be("US");
        country.GetProperty("top_values")[0].GetProperty("count").GetInt64().Should().Be(666);
    }

    [Fact]
    public async Task Profile_summary_is_a_readable_table()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders(100));

        var result = await CliRunner.RunAsync("profile", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("100 rows × 4 columns").And.Contain("amount").And.Contain("distinct").And.Contain("2024-01-01");
        result.Stderr.Should().BeEmpty("progress is drawn only on a terminal");
    }

    [Fact]
    public async Task Report_and_html_are_written_and_no_temporary_file_is_left()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders(200));
        var report = dir.File("out/report.json");
        var html = dir.File("out/report.html");
        Directory.CreateDirectory(dir.File("out"));

        var result = await CliRunner.RunAsync("profile", file, "--report", report, "--html", html, "--quiet");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        json.RootElement.GetProperty("rows").GetInt64().Should().Be(200);
        File.ReadAllText(html).Should().StartWith("<!doctype html>");
        Directory.GetFiles(dir.File("out")).Select(Path.GetFileName).Should().BeEquivalentTo(["report.json", "report.html"]);
    }

    [Fact]
    public async Task Bad_input_exits_3_naming_the_file_and_writes_no_report()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("ragged.csv", "a,b\n1,2\n1,2,3\n");
        var report = dir.File("report.json");

        var result = await CliRunner.RunAsync("profile", file, "--report", report);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("ragged.csv").And.NotContain("   at ");
        result.Stderr.Trim().Split('\n').Should().HaveCount(1);
        File.Exists(report).Should().BeFalse();
    }

    [Fact]
    public async Task Compare_reports_drift_against_a_baseline_report()
    {
        using var dir = new TempDir();
        var old = dir.WriteFile("old.csv", Orders(5_000));
        var now = dir.WriteFile("new.csv", Orders(5_000, shift: 40).Replace("id,", "key,", StringComparison.Ordinal));
        var baseline = dir.File("old.json");
        (await CliRunner.RunAsync("profile", old, "--report", baseline)).ExitCode.Should().Be(0);

        var result = await CliRunner.RunAsync("profile", now, "--compare", baseline, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var cmp = json.RootElement.GetProperty("comparison");
        cmp.GetProperty("baseline").GetString().Should().Be("old.json");
        cmp.GetProperty("schema_changes").EnumerateArray().Select(c => $"{c.GetProperty("column").GetString()} {c.GetProperty("change").GetString()}")
            .Should().BeEquivalentTo(["key added", "id removed"]);
        var drift = cmp.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("drift").GetString());
        drift["amount"].Should().Be("significant");
        drift["country"].Should().Be("none");
        var text = await CliRunner.RunAsync("profile", now, "--compare", baseline);
        text.Stdout.Should().Contain("compared with old.json").And.Contain("amount: significant drift");
    }

    [Fact]
    public async Task A_missing_or_invalid_baseline_exits_3_naming_it()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders(10));
        var invalid = dir.WriteFile("bad.json", "{ not json");

        var missing = await CliRunner.RunAsync("profile", file, "--compare", dir.File("nope.json"));
        var bad = await CliRunner.RunAsync("profile", file, "--compare", invalid);

        missing.ExitCode.Should().Be(3, missing.ToString());
        missing.Stderr.Should().Contain("nope.json").And.Contain("not found");
        bad.ExitCode.Should().Be(3, bad.ToString());
        bad.Stderr.Should().Contain("bad.json").And.Contain("not a profile report");
    }
}
