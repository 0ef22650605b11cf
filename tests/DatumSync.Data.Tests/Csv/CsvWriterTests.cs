using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Csv;
using DatumSync.Data.Tests.Json;

namespace DatumSync.Data.Tests.Csv;

public class CsvWriterTests
{
    private static Task<string> WriteAsync(WriteOptions options, params RecordBatch[] batches)
        => TestBatches.WriteAsync(s => new CsvWriter(s, batches[0].Schema, options), batches);

    [Fact]
    public async Task Header_and_rows_use_canonical_text_and_lf_line_endings()
    {
        using var batch = TestBatches.Build(
            ("b", DataType.Boolean, [true, false]),
            ("i", DataType.Int64, [long.MaxValue, -7L]),
            ("d", DataType.Double, [1.5, 1e-7]),
            ("m", DataType.Decimal(10, 2), [new DecimalValue(12345, 2), new DecimalValue(-5, 2)]),
            ("s", DataType.String, ["héllo", "x"]),
            ("dt", DataType.Date, [new DateOnly(2024, 2, 29), new DateOnly(1969, 12, 31)]),
            ("ts", DataType.Timestamp, [new DateTime(2024, 1, 2, 3, 4, 5, 500), new DateTime(2000, 1, 1)]),
            ("tz", DataType.TimestampWithOffset, [new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))]));
        var text = await WriteAsync(new WriteOptions(), batch);
        text.Should().Be(
            "b,i,d,m,s,dt,ts,tz\n" +
            "true,9223372036854775807,1.5,123.45,héllo,2024-02-29,2024-01-02T03:04:05.5,2024-01-02T03:04:05Z\n" +
            "false,-7,1E-07,-0.05,x,1969-12-31,2000-01-01T00:00:00,2024-01-02T01:04:05Z\n");
    }

    [Fact]
    public async Task Null_is_an_empty_field_and_empty_string_is_two_quotes()
    {
        using var batch = TestBatches.Build(
            ("s", DataType.String, [null, "", "a"]),
            ("i", DataType.Int64, [1L, null, 3L]));
        var text = await WriteAsync(new WriteOptions(), batch);
        text.Should().Be("s,i\n,1\n\"\",\na,3\n");
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData(" lead", "\" lead\"")]
    [InlineData("trail\t", "\"trail\t\"")]
    [InlineData("in side", "in side")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("plain", "plain")]
    public async Task Fields_are_quoted_only_when_needed(string value, string expected)
    {
        using var batch = TestBatches.Build(("s", DataType.String, [value]));
        var text = await WriteAsync(new WriteOptions { Header = false }, batch);
        text.Should().Be(expected + "\n");
    }

    [Fact]
    public async Task Header_can_be_left_out()
    {
        using var batch = TestBatches.Build(("a", DataType.Int64, [1L, 2L]), ("b", DataType.String, ["x", "y"]));
        var text = await WriteAsync(new WriteOptions { Header = false }, batch);
        text.Should().Be("1,x\n2,y\n");
    }

    [Fact]
    public async Task Header_names_are_quoted_like_values()
    {
        using var batch = TestBatches.Build(("a,b", DataType.Int64, [1L]), ("", DataType.String, ["x"]));
        var text = await WriteAsync(new WriteOptions(), batch);
        text.Should().Be("\"a,b\",\"\"\n1,x\n");
    }

    [Fact]
    public async Task Other_delimiters_are_used_and_quoted()
    {
        using var batch = TestBatches.Build(("a", DataType.String, ["x;y", "p,q"]), ("b", DataType.Double, [1.5, 2.0]));
        var semicolon = await WriteAsync(new WriteOptions { Delimiter = ';' }, batch);
        semicolon.Should().Be("a;b\n\"x;y\";1.5\np,q;2\n");
        var tab = await WriteAsync(new WriteOptions { Delimiter = '\t' }, batch);
        tab.Should().Be("a\tb\nx;y\t1.5\np,q\t2\n");
    }

    [Fact]
    public async Task A_delimiter_that_occurs_in_numbers_quotes_those_numbers()
    {
        using var batch = TestBatches.Build(("a", DataType.Double, [1.5, 2.0]), ("b", DataType.Date, [new DateOnly(2024, 1, 2), null]));
        var text = await WriteAsync(new WriteOptions { Delimiter = '.', Header = false }, batch);
        text.Should().Be("\"1.5\".2024-01-02\n2.\n");
        var dash = await WriteAsync(new WriteOptions { Delimiter = '-', Header = false }, batch);
        dash.Should().Be("1.5-\"2024-01-02\"\n2-\n");
    }

    [Fact]
    public async Task A_non_ascii_delimiter_is_written_as_utf8()
    {
        using var batch = TestBatches.Build(("a", DataType.String, ["x§y", "z"]), ("b", DataType.Int64, [1L, 2L]));
        var text = await WriteAsync(new WriteOptions { Delimiter = '§' }, batch);
        text.Should().Be("a§b\n\"x§y\"§1\nz§2\n");
    }

    [Fact]
    public void A_quote_cannot_be_the_delimiter()
    {
        var act = () => new CsvWriter(new MemoryStream(), new Schema([new Field("a", DataType.Int64)]), new WriteOptions { Delimiter = '"' });
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task A_one_megabyte_value_is_written_whole()
    {
        var big = string.Concat(Enumerable.Repeat("abc,\"def\"\n", 110_000));
        using var batch = TestBatches.Build(("id", DataType.Int64, [1L, 2L]), ("s", DataType.String, [big, "small"]));
        var text = await WriteAsync(new WriteOptions(), batch);
        var expected = "id,s\n1,\"" + big.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\n2,small\n";
        text.Length.Should().Be(expected.Length);
        text.Should().Be(expected);
    }

    [Fact]
    public async Task Many_rows_across_several_batches_are_all_written_in_order()
    {
        var batches = new List<RecordBatch>();
        var expected = new StringBuilder("n,s\n");
        for (var b = 0; b < 5; b++)
        {
            var ids = new object?[20_000];
            var texts = new object?[20_000];
            for (var i = 0; i < ids.Length; i++)
            {
                var n = b * 20_000 + i;
                ids[i] = (long)n;
                texts[i] = n % 10 == 0 ? null : $"row {n}";
                expected.Append(n).Append(',').Append(texts[i]).Append('\n');
            }
            batches.Add(TestBatches.Build(("n", DataType.Int64, ids), ("s", DataType.String, texts)));
        }
        var text = await WriteAsync(new WriteOptions(), [.. batches]);
        foreach (var b in batches)
            b.Dispose();
        text.Should().Be(expected.ToString());
    }

    [Fact]
    public async Task An_empty_table_still_gets_its_header()
    {
        var schema = new Schema([new Field("a", DataType.Int64), new Field("b", DataType.String)]);
        using var ms = new MemoryStream();
        await using (var writer = new CsvWriter(ms, schema, new WriteOptions()))
            await writer.CompleteAsync();
        Encoding.UTF8.GetString(ms.ToArray()).Should().Be("a,b\n");
    }

    [Fact]
    public async Task Output_has_no_byte_order_mark()
    {
        using var batch = TestBatches.Build(("a", DataType.String, ["é"]));
        using var ms = new MemoryStream();
        await using (var writer = new CsvWriter(ms, batch.Schema, new WriteOptions()))
        {
            await writer.WriteBatchAsync(batch);
            await writer.CompleteAsync();
        }
        ms.ToArray().Should().Equal("a\n\u00e9\n"u8.ToArray());
    }

    [Fact]
    public async Task A_batch_with_other_column_types_is_rejected()
    {
        using var batch = TestBatches.Build(("a", DataType.String, ["x"]));
        await using var writer = new CsvWriter(new MemoryStream(), new Schema([new Field("a", DataType.Int64)]), new WriteOptions());
        var act = async () => await writer.WriteBatchAsync(batch);
        await act.Should().ThrowAsync<ArgumentException>();
    }
}
