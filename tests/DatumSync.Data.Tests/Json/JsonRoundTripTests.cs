using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Json;

namespace DatumSync.Data.Tests.Json;

public class JsonRoundTripTests
{
    private static RecordBatch EveryType() => TestBatches.Build(
        ("b", DataType.Boolean, [true, false, null, true]),
        ("i", DataType.Int64, [long.MaxValue, long.MinValue, null, 0L]),
        ("d", DataType.Double, [0.1, -2.0, null, 1.7976931348623157e308]),
        ("m", DataType.Decimal(38, 9), [new DecimalValue(Int128.Parse("12345678901234567890123456789012345678"), 9), new DecimalValue(-5, 9), null, new DecimalValue(0, 9)]),
        ("s", DataType.String, ["héllo \"wörld\"\n\t\\", "", null, "日本語 😀 \u0001"]),
        ("dt", DataType.Date, [new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31), null, new DateOnly(1970, 1, 1)]),
        ("ts", DataType.Timestamp, [new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(9_999_990), new DateTime(1900, 1, 1), null, new DateTime(1969, 12, 31, 23, 59, 59)]),
        ("tz", DataType.TimestampWithOffset, [new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2000, 6, 1, 0, 0, 0, 1, TimeSpan.FromHours(9)), null, new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero)]));

    [Theory]
    [InlineData(JsonLayout.Array)]
    [InlineData(JsonLayout.Lines)]
    public async Task Every_type_reads_back_with_the_same_values(JsonLayout layout)
    {
        using var batch = EveryType();
        var text = await TestBatches.WriteAsync(s => new JsonWriter(s, batch.Schema, new WriteOptions(), layout), batch);
        // Decimals are JSON numbers, which infer as double; the override reads their exact digits back.
        var options = new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["m"] = DataType.Decimal(38, 9) } };
        var (schema, rows, _) = await JsonReaderTests.ReadAsync(text, layout, options);
        schema.Equals(batch.Schema).Should().BeTrue($"the schema read back is {schema}");
        rows.Should().HaveCount(batch.RowCount);
        for (var r = 0; r < batch.RowCount; r++)
        {
            for (var c = 0; c < batch.Schema.Count; c++)
                rows[r][c].Should().Be(batch.Column(c).GetValue(r), $"row {r}, column {batch.Schema[c].Name}");
        }
    }

    [Fact]
    public async Task Decimals_read_back_as_exact_decimals_with_their_scale()
    {
        using var batch = TestBatches.Build(("m", DataType.Decimal(10, 2), [new DecimalValue(12345, 2), new DecimalValue(-1, 2)]));
        var text = await TestBatches.WriteAsync(s => new JsonWriter(s, batch.Schema, new WriteOptions(), JsonLayout.Lines), batch);
        text.Should().Be("{\"m\":123.45}\n{\"m\":-0.01}\n");
        var (schema, rows, _) = await JsonReaderTests.ReadAsync(text, JsonLayout.Lines);
        schema[0].Type.Should().Be(DataType.Decimal(18, 2));
        rows.Select(r => r[0]!.ToString()).Should().Equal("123.45", "-0.01");
    }

    [Fact]
    public async Task Nan_and_infinities_read_back_as_null()
    {
        using var batch = TestBatches.Build(("d", DataType.Double, [double.NaN, 1.5, double.NegativeInfinity]));
        var text = await TestBatches.WriteAsync(s => new JsonWriter(s, batch.Schema, new WriteOptions(), JsonLayout.Array), batch);
        var (schema, rows, _) = await JsonReaderTests.ReadAsync(text, JsonLayout.Array);
        schema[0].Type.Should().Be(DataType.Decimal(18, 1), "JSON fractions without exponent are read as exact decimals");
        rows.Select(r => r[0]?.ToString()).Should().Equal(null, "1.5", null);
    }

    [Fact]
    public async Task Integral_doubles_keep_a_fraction_so_they_do_not_become_integers()
    {
        using var batch = TestBatches.Build(("d", DataType.Double, [1.0, -0.0, 3.0]));
        var text = await TestBatches.WriteAsync(s => new JsonWriter(s, batch.Schema, new WriteOptions(), JsonLayout.Lines), batch);
        text.Should().Be("{\"d\":1.0}\n{\"d\":-0.0}\n{\"d\":3.0}\n");
        var (schema, _, _) = await JsonReaderTests.ReadAsync(text, JsonLayout.Lines);
        schema[0].Type.Should().Be(DataType.Decimal(18, 1));
    }

    [Fact]
    public async Task Nested_output_flattens_back_to_the_same_columns()
    {
        using var batch = TestBatches.Build(
            ("id", DataType.Int64, [1L, 2L]),
            ("user.name", DataType.String, ["ann", null]),
            ("user.address.city", DataType.String, ["Oslo", "Rome"]));
        var options = new WriteOptions { Settings = new Dictionary<string, string> { [JsonWriter.NestedSetting] = "true" } };
        var text = await TestBatches.WriteAsync(s => new JsonWriter(s, batch.Schema, options, JsonLayout.Array), batch);
        text.Should().Contain("\"user\":{\"name\":\"ann\",\"address\":{\"city\":\"Oslo\"}}");
        var (schema, rows, _) = await JsonReaderTests.ReadAsync(text, JsonLayout.Array);
        schema.Equals(batch.Schema).Should().BeTrue();
        rows[1].Should().Equal(2L, null, "Rome");
    }

    [Fact]
    public async Task Several_batches_round_trip_through_the_formats_in_the_registry()
    {
        var json = FormatRegistry.Default.Find("json")!;
        var ndjson = FormatRegistry.Default.Find("jsonl")!;
        ndjson.Name.Should().Be("ndjson");
        foreach (var format in new[] { json, ndjson })
        {
            using var first = TestBatches.Build(("n", DataType.Int64, [1L, 2L]), ("s", DataType.String, ["a", "b"]));
            using var second = TestBatches.Build(("n", DataType.Int64, [3L]), ("s", DataType.String, [null]));
            var text = await TestBatches.WriteAsync(s => format.CreateWriter(s, first.Schema, new WriteOptions()), first, second);
            var source = DataSource.FromBytes(Encoding.UTF8.GetBytes(text), "out." + format.Extensions[0]);
            var reader = await TableReader.OpenAsync(source);
            var (_, rows, _) = await TestBatches.ReadAllAsync(reader);
            rows.Select(r => r[0]).Should().Equal(1L, 2L, 3L);
            rows.Select(r => r[1]).Should().Equal("a", "b", null);
        }
    }
}
