using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

/// <summary>The reading commands on inputs at the edges: no bytes, a header only, one column, and JSON or Parquet input.</summary>
public class SmallAndOtherFormatInputTests
{
    [Theory]
    [InlineData("inspect", "", 0)]
    [InlineData("inspect", "a,b,c\n", 3)]
    [InlineData("profile", "", 0)]
    [InlineData("profile", "a,b,c\n", 3)]
    [InlineData("detect", "", 0)]
    [InlineData("detect", "a,b,c\n", 3)]
    public async Task An_empty_or_header_only_csv_is_zero_rows_with_its_columns_and_every_output_is_written(string command, string text, int columns)
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("in.csv", text);
        var report = dir.File("report.json");
        string[] html = command == "inspect" ? [] : ["--html", dir.File("report.html")];

        var result = await CliRunner.RunAsync([command, file, "--json", "--report", report, .. html], new ProcessRunOptions());
        var summary = await CliRunner.RunAsync(command, file);

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("rows").GetInt64().Should().Be(0);
        json.RootElement.GetProperty("columns").GetArrayLength().Should().Be(columns);
        JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("rows").GetInt64().Should().Be(0);
        if (html.Length > 0)
            File.ReadAllText(html[1]).Should().StartWith("<!doctype html>");
        summary.ExitCode.Should().Be(0, summary.ToString());
        summary.Stdout.Should().Contain($"0 rows × {columns} columns");
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("profile")]
    [InlineData("detect")]
    public async Task A_file_of_one_column_is_read_as_one_column(string command)
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("one.csv", "amount\n1\n2\n3\n");

        var result = await CliRunner.RunAsync(command, file, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("rows").GetInt64().Should().Be(3);
        var column = json.RootElement.GetProperty("columns").EnumerateArray().Single();
        column.GetProperty("name").GetString().Should().Be("amount");
        column.GetProperty("type").GetString().Should().Be("int64");
    }

    [Theory]
    [InlineData("profile", "json")]
    [InlineData("profile", "parquet")]
    [InlineData("detect", "json")]
    [InlineData("detect", "parquet")]
    public async Task Json_and_parquet_input_give_the_rows_columns_and_types_of_the_csv(string command, string format)
    {
        using var dir = new TempDir();
        var csv = dir.WriteFile("people.csv", "id,email,joined\n1,ann@example.com,2024-01-02\n2,bob@example.com,2024-02-03\n3,cy@example.org,2024-03-04\n");
        var other = dir.File("people." + format);
        (await CliRunner.RunAsync("convert", csv, "-o", other, "--quiet")).ExitCode.Should().Be(0);

        var fromCsv = await CliRunner.RunAsync(command, csv, "--json");
        var fromOther = await CliRunner.RunAsync(command, other, "--json");

        fromOther.ExitCode.Should().Be(0, fromOther.ToString());
        using var expected = JsonDocument.Parse(fromCsv.Stdout);
        using var actual = JsonDocument.Parse(fromOther.Stdout);
        actual.RootElement.GetProperty("format").GetString().Should().Be(format);
        actual.RootElement.GetProperty("rows").GetInt64().Should().Be(3);
        Columns(actual).Should().Equal(Columns(expected));

        static IEnumerable<string> Columns(JsonDocument d) => d.RootElement.GetProperty("columns").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("type").GetString()} {c.GetProperty("semantic_type").GetString()}");
    }

    [Fact]
    public async Task Compare_with_a_baseline_that_shares_no_column_lists_every_column_added_or_removed_and_no_drift()
    {
        using var dir = new TempDir();
        var old = dir.WriteFile("old.csv", "a,b\n1,x\n2,y\n");
        var now = dir.WriteFile("new.csv", "c\n5\n6\n7\n");
        var baseline = dir.File("old.json");
        (await CliRunner.RunAsync("profile", old, "--report", baseline)).ExitCode.Should().Be(0);

        var result = await CliRunner.RunAsync("profile", now, "--compare", baseline, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var cmp = json.RootElement.GetProperty("comparison");
        cmp.GetProperty("schema_changes").EnumerateArray().Select(c => $"{c.GetProperty("column").GetString()} {c.GetProperty("change").GetString()}")
            .Should().BeEquivalentTo(["c added", "a removed", "b removed"]);
        cmp.GetProperty("drifted_columns").GetInt32().Should().Be(0);
    }
}
