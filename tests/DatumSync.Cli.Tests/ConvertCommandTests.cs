using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

public class ConvertCommandTests
{
    // Every type, nulls, unicode, quotes, delimiters and newlines inside values.
    private const string Source =
        "id,amount,name,day,ts,tz,active,ratio\n" +
        "1,10.50,\"Smith, John\",2024-01-31,2024-01-31T10:00:00,2024-01-31T10:00:00Z,true,0.25\n" +
        "2,-3.25,\"line\nbreak\",1969-07-20,1999-12-31T23:59:59.5,2000-01-01T00:00:00Z,false,1e-3\n" +
        "3,,Zoë 🦊,,2024-02-29T00:00:00,,,\n" +
        "4,0.00,\"she said \"\"hi\"\"\",2000-02-29,2024-06-01T12:30:00,2024-06-01T12:30:00Z,true,-2.5\n";

    [Theory]
    [InlineData("json")]
    [InlineData("ndjson")]
    public async Task Csv_to_json_and_back_to_csv_keeps_every_value(string format)
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("source.csv", Source);
        var middle = dir.File($"middle.{format}");
        var back = dir.File("back.csv");
        var canonical = dir.File("canonical.csv");

        (await CliRunner.RunAsync("convert", input, "-o", middle)).ExitCode.Should().Be(0);
        var second = await CliRunner.RunAsync("convert", middle, "-o", back);
        second.ExitCode.Should().Be(0, second.ToString());
        (await CliRunner.RunAsync("convert", input, "-o", canonical)).ExitCode.Should().Be(0);

        // JSON has one number type: a double column comes back as an exact decimal (0.25 → 0.250). Same values.
        (await CellsAsync(back)).Should().BeEquivalentTo(await CellsAsync(canonical), o => o.WithStrictOrdering().Using<string>(SameValue).WhenTypeIs<string>());
        File.ReadAllText(back).Should().Contain("\"line\nbreak\"").And.Contain("Zoë 🦊").And.Contain("\"she said \"\"hi\"\"\"");
    }

    private static async Task<List<string?[]>> CellsAsync(string csv)
    {
        await using var reader = await DatumSync.Data.Formats.Csv.CsvReader.OpenAsync(
            DatumSync.Data.Formats.DataSource.FromFile(csv), new DatumSync.Data.Formats.ReadOptions { AllStrings = true });
        var rows = new List<string?[]>();
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                for (var r = 0; r < batch.RowCount; r++)
                    rows.Add([.. batch.Columns.Select(c => c.GetText(r))]);
            }
        }
        return rows;
    }

    private static void SameValue(FluentAssertions.Equivalency.IAssertionContext<string> ctx)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (decimal.TryParse(ctx.Subject, System.Globalization.NumberStyles.Float, inv, out var a)
            && decimal.TryParse(ctx.Expectation, System.Globalization.NumberStyles.Float, inv, out var b))
            a.Should().Be(b, ctx.Because, ctx.BecauseArgs);
        else
            ctx.Subject.Should().Be(ctx.Expectation, ctx.Because, ctx.BecauseArgs);
    }

    [Fact]
    public async Task Csv_to_xlsx_and_back_keeps_values_excel_can_hold()
    {
        using var dir = new TempDir();
        // Excel holds numbers as doubles and times to the millisecond: values chosen to survive exactly.
        var input = dir.WriteFile("source.csv",
            "id,amount,name,day,ts,active\n1,10.5,\"Smith, John\",2024-01-31,2024-01-31T10:00:00,true\n2,-3.25,Zoë,1969-07-20,1999-12-31T23:59:59,false\n3,,x,,,\n");
        var xlsx = dir.File("middle.xlsx");
        var back = dir.File("back.csv");

        (await CliRunner.RunAsync("convert", input, "-o", xlsx)).ExitCode.Should().Be(0);
        var result = await CliRunner.RunAsync("convert", xlsx, "-o", back, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        File.ReadAllText(back).Should().Be(File.ReadAllText(input));
    }

    [Fact]
    public async Task Convert_json_report_has_rows_sizes_and_schema()
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("source.csv", Source);

        var result = await CliRunner.RunAsync("convert", input, "-o", dir.File("out.tsv"), "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        root.GetProperty("rows").GetInt64().Should().Be(4);
        root.GetProperty("outputFormat").GetString().Should().Be("tsv");
        root.GetProperty("bytesOut").GetInt64().Should().BeGreaterThan(100);
        root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString())
            .Should().Equal("int64", "decimal(18,2)", "string", "date", "timestamp", "timestamptz", "boolean", "double");
        File.ReadAllText(dir.File("out.tsv")).Should().StartWith("id\tamount\tname");
    }

    [Fact]
    public async Task A_failure_late_in_the_input_leaves_no_output_behind()
    {
        using var dir = new TempDir();
        var lines = Enumerable.Range(1, 200_000).Select(i => $"{i},name{i}").Prepend("id,name").Append("oops,too,many,fields");
        var input = dir.WriteFile("late.csv", string.Join("\n", lines) + "\n");
        var output = dir.File("out.ndjson");

        var result = await CliRunner.RunAsync("convert", input, "-o", output);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("row 200001").And.Contain("4 fields, expected 2");
        File.Exists(output).Should().BeFalse("a failed conversion must not leave a half-written file");
        Directory.GetFiles(dir.Path).Should().BeEquivalentTo([input], "temporary files are removed too");
    }

    [Fact]
    public async Task A_value_late_in_the_file_widens_the_column_instead_of_being_lost()
    {
        using var dir = new TempDir();
        var lines = Enumerable.Range(1, 120_000).Select(i => $"{i},{i % 10}").Prepend("id,code").Append("120001,X7");
        var input = dir.WriteFile("late.csv", string.Join("\n", lines) + "\n");
        var output = dir.File("out.csv");

        var result = await CliRunner.RunAsync("convert", input, "-o", output, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        root.GetProperty("columns")[1].GetProperty("type").GetString().Should().Be("string");
        root.GetProperty("restarts").GetInt32().Should().BeGreaterThan(0);
        File.ReadLines(output).Last().Should().Be("120001,X7");
        File.ReadLines(output).Count().Should().Be(120_002);
    }

    [Fact]
    public async Task Unknown_output_format_exits_3_listing_the_writable_ones()
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("a.csv", "a\n1\n");

        var result = await CliRunner.RunAsync("convert", input, "-o", dir.File("a.foo"));

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("cannot write format 'foo'").And.Contain("csv").And.Contain("json");
    }

    [Fact]
    public async Task To_option_overrides_the_extension()
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("a.csv", "a,b\n1,x\n");
        var output = dir.File("a.out");

        var result = await CliRunner.RunAsync("convert", input, "-o", output, "--to", "ndjson");

        result.ExitCode.Should().Be(0, result.ToString());
        File.ReadAllText(output).Trim().Should().Be("{\"a\":1,\"b\":\"x\"}");
    }

    [Fact]
    public async Task Converting_onto_the_input_is_refused()
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("a.csv", "a\n1\n");

        var result = await CliRunner.RunAsync("convert", input, "-o", input);

        result.ExitCode.Should().Be(3, result.ToString());
        File.ReadAllText(input).Should().Be("a\n1\n");
    }

    [Fact]
    public async Task Missing_output_option_is_a_usage_error()
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("a.csv", "a\n1\n");

        var result = await CliRunner.RunAsync("convert", input);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--output");
    }

    [Fact]
    public async Task Missing_output_directory_exits_3()
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("a.csv", "a\n1\n");

        var result = await CliRunner.RunAsync("convert", input, "-o", Path.Combine(dir.Path, "no", "such", "dir", "out.csv"));

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("does not exist");
    }

    [Fact]
    public async Task DuckDB_sees_the_same_data_in_our_output_as_in_the_source()
    {
        using var dir = new TempDir();
        var input = dir.File("mixed.csv");
        DatumSync.Benchmarks.Data.MixedCsvGenerator.WriteFile(input, 20_000);
        var output = dir.File("out.ndjson");
        (await CliRunner.RunAsync("convert", input, "-o", output)).ExitCode.Should().Be(0);

        const string aggregates = "count(*) AS n, count(amount) AS amounts, sum(amount)::DECIMAL(18,2)::VARCHAR AS total, count(DISTINCT category) AS categories, "
            + "count(name) AS names, min(day)::VARCHAR AS first_day, max(ts)::VARCHAR AS last_ts, count(*) FILTER (WHERE active) AS active, sum(qty) AS qty";
        var fromSource = await Peers.DuckDbAsync($"SELECT {aggregates} FROM read_csv({Peers.SqlString(input)})");
        var fromOutput = await Peers.DuckDbAsync($"SELECT {aggregates} FROM read_json({Peers.SqlString(output)}, format='newline_delimited')");

        fromOutput.Single().ToString().Should().Be(fromSource.Single().ToString());
        fromSource.Single().GetProperty("n").GetInt64().Should().Be(20_000);
    }
}

public class ConvertParquetCommandTests
{
    [Theory]
    [InlineData("--compression", "lzo", "unknown compression 'lzo'")]
    [InlineData("--compression", "zstd:99", "level must be 1 to 22")]
    [InlineData("--row-group-rows", "0", "--row-group-rows must be positive")]
    public async Task Bad_parquet_options_exit_2_and_write_nothing(string option, string value, string message)
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("a.csv", "a,b\n1,x\n");
        var output = dir.File("a.parquet");

        var result = await CliRunner.RunAsync("convert", input, "-o", output, option, value);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain(message).And.NotContain("   at ");
        File.Exists(output).Should().BeFalse();
    }

    [Fact]
    public async Task A_truncated_parquet_file_exits_3_naming_it()
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("a.csv", "a,b\n1,x\n2,y\n");
        var parquet = dir.File("a.parquet");
        (await CliRunner.RunAsync("convert", input, "-o", parquet)).ExitCode.Should().Be(0);
        var bytes = File.ReadAllBytes(parquet);
        File.WriteAllBytes(parquet, bytes[..(bytes.Length / 2)]);

        var result = await CliRunner.RunAsync("inspect", parquet);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Trim().Should().StartWith($"error: {parquet}: does not end with the Parquet magic bytes PAR1");
    }

    [Fact]
    public async Task An_empty_csv_cannot_become_parquet_and_says_why()
    {
        using var dir = new TempDir();
        var input = dir.WriteFile("e.csv", "");
        var parquet = dir.File("e.parquet");

        var result = await CliRunner.RunAsync("convert", input, "-o", parquet);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("no columns").And.Contain("at least one");
        Directory.GetFiles(dir.Path).Should().BeEquivalentTo([input]);
    }

    [Fact]
    public async Task A_header_only_csv_makes_a_zero_row_parquet_file_duckdb_reads()
    {
        const int columns = 2;
        using var dir = new TempDir();
        var input = dir.WriteFile("e.csv", "a,b\n");
        var parquet = dir.File("e.parquet");

        (await CliRunner.RunAsync("convert", input, "-o", parquet)).ExitCode.Should().Be(0);
        var result = await CliRunner.RunAsync("inspect", parquet, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var root = System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
        root.GetProperty("rows").GetInt64().Should().Be(0);
        root.GetProperty("columns").GetArrayLength().Should().Be(columns);
        var duck = await Peers.DuckDbAsync($"SELECT count(*) AS n FROM read_parquet({Peers.SqlString(parquet)})");
        duck.Single().GetProperty("n").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Converting_again_replaces_the_output_whole()
    {
        using var dir = new TempDir();
        var big = dir.WriteFile("big.csv", "n\n" + string.Join("\n", Enumerable.Range(0, 5_000)) + "\n");
        var small = dir.WriteFile("small.csv", "n\n7\n");
        var parquet = dir.File("out.parquet");

        (await CliRunner.RunAsync("convert", big, "-o", parquet)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("convert", small, "-o", parquet)).ExitCode.Should().Be(0);
        var result = await CliRunner.RunAsync("inspect", parquet, "--json");

        System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement.GetProperty("rows").GetInt64().Should().Be(1);
        Directory.GetFiles(dir.Path).Should().HaveCount(3, "no temporary files are left behind");
    }
}
