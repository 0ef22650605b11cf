using System.Text;
using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

public class InspectCommandTests
{
    private const string Messy = "\uFEFFKunde;Betrag;Datum;Aktiv\r\nMüller;1.234,50;31.12.2023;ja\r\n\"Schmidt; Anna\";17,25;01.02.2024;nein\r\nNA;;15.03.2024;ja\r\n";

    [Fact]
    public async Task Inspect_json_reports_dialect_schema_rows_and_preview()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("kunden.csv", Messy);

        var result = await CliRunner.RunAsync("inspect", file, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("format").GetString().Should().Be("csv");
        root.GetProperty("rows").GetInt64().Should().Be(3);
        root.GetProperty("details").GetProperty("delimiter").GetString().Should().Be(";");
        root.GetProperty("details").GetProperty("encoding").GetString().Should().Be("utf-8-bom");
        root.GetProperty("details").GetProperty("line ending").GetString().Should().Be("CRLF");
        var types = root.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        types.Should().Equal(new Dictionary<string, string?> { ["Kunde"] = "string", ["Betrag"] = "decimal(18,2)", ["Datum"] = "date", ["Aktiv"] = "string" });
        var preview = root.GetProperty("preview").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray()).ToList();
        preview[0].Should().Equal("Müller", "1234.50", "2023-12-31", "ja");
        preview[1][0].Should().Be("Schmidt; Anna");
        preview[2][0].Should().BeNull();
        root.GetProperty("columns")[1].GetProperty("nulls").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Inspect_summary_is_readable_text_with_types_and_first_rows()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("kunden.csv", Messy);

        var result = await CliRunner.RunAsync("inspect", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("3 rows × 4 columns").And.Contain("decimal(18,2)").And.Contain("delimiter ;").And.Contain("first 3 rows");
        result.Stderr.Should().BeEmpty("progress is drawn only on a terminal");
    }

    [Fact]
    public async Task Report_option_writes_the_json_report_to_a_file()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("a.csv", "x,y\n1,2\n");
        var report = dir.File("report.json");

        var result = await CliRunner.RunAsync("inspect", file, "--report", report);

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        json.RootElement.GetProperty("rows").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Missing_file_exits_3_with_one_line_naming_it()
    {
        var result = await CliRunner.RunAsync("inspect", "/nonexistent/data.csv");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Trim().Should().Be("error: /nonexistent/data.csv: file not found");
    }

    [Fact]
    public async Task Ragged_row_exits_3_naming_file_row_line_and_expectation()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("ragged.csv", "a,b,c\n1,2,3\n\"multi\nline\",5\n");

        var result = await CliRunner.RunAsync("inspect", file);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("ragged.csv, row 2 (line 3): has 2 fields, expected 3").And.Contain("--ragged");
        result.Stderr.Should().NotContain("   at ");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Ragged_pad_option_reads_the_same_file()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("ragged.csv", "a,b,c\n1,2,3\n4,5\n");

        var result = await CliRunner.RunAsync("inspect", file, "--ragged", "pad", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonDocument.Parse(result.Stdout).RootElement.GetProperty("rows").GetInt64().Should().Be(2);
    }

    [Theory]
    [InlineData("--ragged", "sometimes", "--ragged expects error, pad or skip")]
    [InlineData("--schema", "a:blob", "unknown type 'blob'")]
    [InlineData("--date-order", "ydm", "--date-order expects")]
    [InlineData("--delimiter", ";;", "single character")]
    [InlineData("--decimal", "x", "--decimal expects '.' or ','")]
    [InlineData("--decimal", "..", "--decimal expects '.' or ','")]
    [InlineData("--thousands", "_", "--thousands expects")]
    public async Task Bad_option_values_exit_2_with_the_expectation(string option, string value, string message)
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("a.csv", "a\n1\n");

        var result = await CliRunner.RunAsync("inspect", file, option, value);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain(message).And.NotContain("   at ");
    }

    [Fact]
    public async Task Schema_override_for_a_missing_column_exits_3_listing_the_columns()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("a.csv", "id,name\n1,x\n");

        var result = await CliRunner.RunAsync("inspect", file, "--schema", "nope:int64");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("'nope'").And.Contain("id, name");
    }

    [Fact]
    public async Task A_directory_is_not_a_file()
    {
        using var dir = new TempDir();

        var result = await CliRunner.RunAsync("inspect", dir.Path);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("is a directory");
    }

    [Fact]
    public async Task Random_binary_input_never_crashes_or_hangs()
    {
        using var dir = new TempDir();
        var bytes = new byte[300_000];
        new Random(42).NextBytes(bytes);
        var file = dir.File("noise.bin");
        File.WriteAllBytes(file, bytes);

        var result = await CliRunner.RunAsync("inspect", file, "--format", "csv");

        result.ExitCode.Should().BeOneOf([0, 3], result.ToString());
        result.Stderr.Should().NotContain("   at ").And.NotContain("Unhandled");
    }

    [Fact]
    public async Task Latin1_file_is_detected_and_decoded()
    {
        using var dir = new TempDir();
        var file = dir.File("latin.csv");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(file, Encoding.GetEncoding(1252).GetBytes("stadt,einwohner\nMünchen,1500000\nKöln,1000000\n"));

        var result = await CliRunner.RunAsync("inspect", file, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("München").And.Contain("windows-1252");
    }
}

public class InspectVerificationTests
{
    [Fact]
    public async Task A_value_late_in_a_large_file_widens_the_reported_type_with_a_note()
    {
        using var dir = new TempDir();
        var lines = Enumerable.Range(1, 300_000).Select(i => $"{i},{i % 1000}").Prepend("id,code").Append("300001,N/A").Append("300002,12.5");
        var file = dir.WriteFile("late.csv", string.Join("\n", lines) + "\n");

        var result = await CliRunner.RunAsync("inspect", file, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var root = System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
        root.GetProperty("rows").GetInt64().Should().Be(300_002);
        var code = root.GetProperty("columns")[1];
        code.GetProperty("type").GetString().Should().Be("decimal(20,1)", "12.5 widens the integers; N/A is a null token");
        code.GetProperty("nulls").GetInt64().Should().Be(1);
        string.Join(" ", code.GetProperty("notes").EnumerateArray().Select(n => n.GetString())).Should().Contain("row 300002");
    }
}
