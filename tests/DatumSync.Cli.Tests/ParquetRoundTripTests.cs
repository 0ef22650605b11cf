using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

/// <summary>
/// CSV → Parquet → CSV through the real <c>datumsync convert</c>: the CSV that comes back equals the canonical CSV of
/// the source (the source converted straight to CSV), for every type and its edge values, all-null columns, a
/// zero-row file and a large seeded file; DuckDB reads the Parquet in between with the types we meant.
/// </summary>
/// <remarks>
/// NaN cannot make this trip: the CSV reader reads <c>NaN</c> in a numeric column as null by design, so it never
/// reaches the Parquet writer (the Parquet conformance tests write NaN directly).
/// </remarks>
public class ParquetRoundTripTests
{
    private const string Header = "id,flag,big,ratio,price,exact,wide,name,day,at,at_tz,nothing,no_date";

    private static readonly string[] Rows =
    [
        "1,true,9223372036854775807,0.1,12.50,123456789012.3456,12345678901234567890.1234567890,\"héllo, \"\"world\"\"\",2024-02-29,2024-02-29T13:14:15.123456,2024-02-29T13:14:15.5+02:00,,",
        "2,false,-9223372036854775808,Infinity,-0.05,-0.0001,-0.0000000001,\"multi\nline ✓ 🦊\",1969-12-31,1969-12-31T23:59:59.999999,1970-01-01T00:00:00Z,,",
        "3,,0,-Infinity,,0.0000,-9999999999999999999999999999.9999999999,,0001-01-01,0001-01-01T00:00:00,9999-12-31T23:59:59.999999Z,,",
        "4,true,1,-0.0,99999999.99,,9999999999999999999999999999.9999999999,\"\",9999-12-31,9999-12-31T23:59:59.999999,2000-01-01T00:00:00-07:00,,",
        "5,false,-1,1E+21,0.00,0,0,\"   padded, \tand tabbed  \",1900-02-28,1900-02-28T12:00:00.000001,1969-12-31T23:59:59.999999+00:00,,",
        "6,true,42,5E-324,-99999999.99,99999999999999.9999,1,日本語 Ωμέγα,2000-02-29,2000-02-29T00:00:00,2000-02-29T00:00:00+14:00,,",
    ];

    // decimal(10,2) and (18,4) are INT64 in Parquet, (38,10) FIXED_LEN_BYTE_ARRAY; the all-null columns are typed.
    private static readonly string[] Schema = ["--schema", "price:decimal(10,2),exact:decimal(18,4),wide:decimal(38,10),nothing:string,no_date:date"];

    [Fact]
    public async Task Every_type_and_edge_value_survives_csv_to_parquet_to_csv()
    {
        using var dir = new TempDir();
        var source = dir.WriteFile("source.csv", Header + "\n" + string.Join("\n", Rows) + "\n");

        var (canonical, back) = await RoundTripAsync(dir, source, Schema);

        back.Should().Be(canonical);
        canonical.Should().Contain("2024-02-29T11:14:15.5Z", "the offset is normalised to UTC")
            .And.Contain("-9999999999999999999999999999.9999999999").And.Contain("\"multi\nline ✓ 🦊\"").And.Contain(",\"\",")
            .And.Contain("5E-324").And.Contain(",-0,");
    }

    [Fact]
    public async Task DuckDB_reads_the_parquet_in_between_with_the_types_of_the_csv()
    {
        using var dir = new TempDir();
        var source = dir.WriteFile("source.csv", Header + "\n" + string.Join("\n", Rows) + "\n");
        var parquet = dir.File("middle.parquet");
        (await CliRunner.RunAsync(["convert", source, "-o", parquet, .. Schema], new ProcessRunOptions())).ExitCode.Should().Be(0);

        var columns = await Peers.DuckDbAsync($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet({Peers.SqlString(parquet)}))");
        var rows = await Peers.DuckDbAsync($"SELECT big, wide::VARCHAR AS wide, at_tz::VARCHAR AS at_tz, name FROM read_parquet({Peers.SqlString(parquet)}) ORDER BY id");

        columns.Select(c => $"{c.GetProperty("column_name").GetString()} {c.GetProperty("column_type").GetString()}").Should().Equal(
            "id BIGINT", "flag BOOLEAN", "big BIGINT", "ratio DOUBLE", "price DECIMAL(10,2)", "exact DECIMAL(18,4)", "wide DECIMAL(38,10)",
            "name VARCHAR", "day DATE", "at TIMESTAMP", "at_tz TIMESTAMP WITH TIME ZONE", "nothing VARCHAR", "no_date DATE");
        rows[0].GetProperty("big").GetRawText().Should().Be("9223372036854775807");
        rows[2].GetProperty("wide").GetString().Should().Be("-9999999999999999999999999999.9999999999");
        rows[3].GetProperty("name").GetString().Should().BeEmpty();
    }

    [Fact]
    public async Task A_header_only_csv_makes_a_zero_row_parquet_that_converts_back_to_the_header()
    {
        using var dir = new TempDir();
        var source = dir.WriteFile("empty.csv", "a,b,c\n");

        var (canonical, back) = await RoundTripAsync(dir, source, ["--schema", "a:int64,b:date,c:decimal(38,2)"]);

        back.Should().Be(canonical).And.Be("a,b,c\n");
    }

    [Fact]
    public async Task A_seeded_mixed_file_of_50000_rows_round_trips_losslessly()
    {
        using var dir = new TempDir();
        var source = dir.File("mixed.csv");
        DatumSync.Benchmarks.Data.MixedCsvGenerator.WriteFile(source, 50_000, seed: 7);

        var (canonical, back) = await RoundTripAsync(dir, source, []);

        back.Length.Should().Be(canonical.Length);
        back.Should().Be(canonical);
    }

    [Fact]
    public async Task A_truncated_parquet_file_fails_convert_with_one_line_naming_the_file()
    {
        using var dir = new TempDir();
        var source = dir.WriteFile("source.csv", Header + "\n" + string.Join("\n", Rows) + "\n");
        var parquet = dir.File("middle.parquet");
        (await CliRunner.RunAsync(["convert", source, "-o", parquet, .. Schema], new ProcessRunOptions())).ExitCode.Should().Be(0);
        var bytes = await File.ReadAllBytesAsync(parquet);
        await File.WriteAllBytesAsync(parquet, bytes[..(bytes.Length - 100)]);

        var result = await CliRunner.RunAsync("convert", parquet, "-o", dir.File("back.csv"), "-q");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Trim().Should().NotContain("\n").And.Contain("middle.parquet").And.Contain("truncated");
        File.Exists(dir.File("back.csv")).Should().BeFalse();
    }

    /// <summary>source → canonical.csv, and source → middle.parquet → back.csv; returns both CSV texts.</summary>
    private static async Task<(string Canonical, string Back)> RoundTripAsync(TempDir dir, string source, string[] readOptions)
    {
        var canonical = dir.File("canonical.csv");
        var parquet = dir.File("middle.parquet");
        var back = dir.File("back.csv");
        foreach (var args in new[] { new[] { "convert", source, "-o", canonical }, ["convert", source, "-o", parquet] })
        {
            var result = await CliRunner.RunAsync([.. args, .. readOptions, "-q"], new ProcessRunOptions());
            result.ExitCode.Should().Be(0, result.ToString());
        }
        var last = await CliRunner.RunAsync("convert", parquet, "-o", back, "-q");
        last.ExitCode.Should().Be(0, last.ToString());
        return (await File.ReadAllTextAsync(canonical), await File.ReadAllTextAsync(back));
    }
}
