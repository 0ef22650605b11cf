using System.Security.Cryptography;
using DatumSync.Benchmarks.Data;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

public class MixedCsvGeneratorTests
{
    // SHA-256 of the header and the first 10,000 rows with the default seed. If a deliberate change to the generator
    // moves it, update it here and regenerate anything committed from the old data (benchmark results).
    private const string First10kSha256 = "f3cf2acf0dc1971a8d85ccebeb1c4713f29f69e4ed2f874c81163b08544eac7f";

    [Fact]
    public void The_default_seed_gives_the_same_bytes_every_time()
    {
        Convert.ToHexStringLower(SHA256.HashData(Generate(10_000))).Should().Be(First10kSha256);
    }

    [Fact]
    public void Another_seed_gives_other_data_with_the_same_shape()
    {
        var a = Generate(2_000, seed: 1);
        var b = Generate(2_000, seed: 2);
        a.Should().NotEqual(b);
        Lines(a)[0].Should().Be(MixedCsvGenerator.Header);
        Lines(b)[0].Should().Be(MixedCsvGenerator.Header);
    }

    [Fact]
    public void Every_thousandth_name_is_quoted_with_a_comma_and_a_newline()
    {
        var lines = Lines(Generate(3_000));

        // 3,000 rows, three of which span two lines
        lines.Length.Should().Be(1 + 3_000 + 3);
        var start = Array.FindIndex(lines, l => l.StartsWith("1000,", StringComparison.Ordinal));
        lines[start].Split(',')[3].Should().StartWith("\"");
        lines[start].Should().MatchRegex("^1000,[^,]*,[^,]*,\"[A-Za-z']+, [A-Za-z]+$");
        lines[start + 1].Should().MatchRegex("^[A-Za-z]+\",");
    }

    [Fact]
    public void About_two_percent_of_the_fields_other_than_id_are_empty()
    {
        var rows = Lines(Generate(20_000)).Skip(1).Where(l => !l.Contains('"', StringComparison.Ordinal) && l.Count(c => c == ',') == 7).ToList();
        var fields = rows.SelectMany(r => r.Split(',').Skip(1)).ToList();
        var empty = fields.Count(f => f.Length == 0) / (double)fields.Count;

        empty.Should().BeInRange(0.015, 0.025);
        rows.Should().OnlyContain(r => !r.StartsWith(',')); // id is never empty
    }

    [Theory]
    [InlineData(10_000_000)]
    [InlineData(200_000_000)]
    public void The_size_estimate_lands_within_a_fifth_of_a_percent(long target)
    {
        var rows = MixedCsvGenerator.RowsForSize(target);
        var bytes = MixedCsvGenerator.Write(Stream.Null, rows);
        bytes.Should().BeCloseTo(target, (ulong)(target / 500));
    }

    [Fact]
    public async Task DuckDB_reads_the_generated_file_with_the_intended_types()
    {
        using var dir = new TempDir();
        var path = dir.File("mixed.csv");
        MixedCsvGenerator.WriteFile(path, 5_000);

        var columns = await Peers.DuckDbAsync($"DESCRIBE SELECT * FROM read_csv({Peers.SqlString(path)})");
        columns.Select(c => $"{c.GetProperty("column_name").GetString()}:{c.GetProperty("column_type").GetString()}")
            .Should().Equal("id:BIGINT", "amount:DOUBLE", "category:VARCHAR", "name:VARCHAR", "day:DATE", "ts:TIMESTAMP", "active:BOOLEAN", "qty:BIGINT");

        var counts = (await Peers.DuckDbAsync(
            $"SELECT count(*) AS n, max(id) AS last, count(*) FILTER (WHERE name LIKE '%,%' || chr(10) || '%') AS multiline FROM read_csv({Peers.SqlString(path)})")).Single();
        counts.GetProperty("n").GetInt64().Should().Be(5_000);
        counts.GetProperty("last").GetInt64().Should().Be(5_000);
        counts.GetProperty("multiline").GetInt64().Should().Be(5);
    }

    private static byte[] Generate(long rows, ulong seed = MixedCsvGenerator.DefaultSeed)
    {
        using var buffer = new MemoryStream();
        MixedCsvGenerator.Write(buffer, rows, seed);
        return buffer.ToArray();
    }

    private static string[] Lines(byte[] csv) => System.Text.Encoding.UTF8.GetString(csv).TrimEnd('\n').Split('\n');
}
