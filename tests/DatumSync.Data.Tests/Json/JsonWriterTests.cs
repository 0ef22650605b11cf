using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Json;

namespace DatumSync.Data.Tests.Json;

public class JsonWriterTests
{
    private static Task<string> WriteAsync(JsonLayout layout, WriteOptions? options, params RecordBatch[] batches)
        => TestBatches.WriteAsync(s => new JsonWriter(s, batches[0].Schema, options ?? new WriteOptions(), layout), batches);

    [Fact]
    public async Task A_json_array_holds_one_object_per_line()
    {
        using var batch = TestBatches.Build(("a", DataType.Int64, [1L, 2L]), ("b", DataType.String, ["x", null]));
        var text = await WriteAsync(JsonLayout.Array, null, batch);
        text.Should().Be("[\n{\"a\":1,\"b\":\"x\"},\n{\"a\":2,\"b\":null}\n]\n");
    }

    [Fact]
    public async Task Ndjson_is_one_object_per_line_without_brackets()
    {
        using var first = TestBatches.Build(("a", DataType.Int64, [1L]));
        using var second = TestBatches.Build(("a", DataType.Int64, [2L, 3L]));
        var text = await WriteAsync(JsonLayout.Lines, null, first, second);
        text.Should().Be("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
    }

    [Fact]
    public async Task An_empty_table_is_an_empty_array_or_an_empty_file()
    {
        var schema = new Schema([new Field("a", DataType.Int64)]);
        foreach (var (layout, expected) in new[] { (JsonLayout.Array, "[]\n"), (JsonLayout.Lines, "") })
        {
            using var ms = new MemoryStream();
            await using (var writer = new JsonWriter(ms, schema, new WriteOptions(), layout))
                await writer.CompleteAsync();
            System.Text.Encoding.UTF8.GetString(ms.ToArray()).Should().Be(expected);
        }
    }

    [Fact]
    public async Task Every_type_is_written_in_its_json_form()
    {
        using var batch = TestBatches.Build(
            ("b", DataType.Boolean, [true]),
            ("i", DataType.Int64, [long.MinValue]),
            ("d", DataType.Double, [0.1]),
            ("m", DataType.Decimal(38, 10), [new DecimalValue(Int128.Parse("12345678901234567890123456789012345678"), 10)]),
            ("s", DataType.String, ["héllo \"q\" \\ \n 日本"]),
            ("dt", DataType.Date, [new DateOnly(2024, 2, 29)]),
            ("ts", DataType.Timestamp, [new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1230)]),
            ("tz", DataType.TimestampWithOffset, [new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5))]));
        var text = await WriteAsync(JsonLayout.Lines, null, batch);
        text.Should().Be(
            "{\"b\":true,\"i\":-9223372036854775808,\"d\":0.1,\"m\":1234567890123456789012345678.9012345678," +
            "\"s\":\"héllo \\\"q\\\" \\\\ \\n 日本\",\"dt\":\"2024-02-29\",\"ts\":\"2024-01-02T03:04:05.000123\"," +
            "\"tz\":\"2024-01-02T08:04:05Z\"}\n");
    }

    [Fact]
    public async Task Nan_and_infinities_are_written_as_null()
    {
        using var batch = TestBatches.Build(("d", DataType.Double, [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.5]));
        var text = await WriteAsync(JsonLayout.Lines, null, batch);
        text.Should().Be("{\"d\":null}\n{\"d\":null}\n{\"d\":null}\n{\"d\":-0.5}\n");
    }

    [Fact]
    public async Task Dotted_names_stay_flat_keys_by_default()
    {
        using var batch = TestBatches.Build(("a.b", DataType.Int64, [1L]), ("a.c", DataType.Int64, [2L]));
        var text = await WriteAsync(JsonLayout.Lines, null, batch);
        text.Should().Be("{\"a.b\":1,\"a.c\":2}\n");
    }

    [Fact]
    public async Task Dotted_names_nest_when_the_setting_asks_for_it()
    {
        using var batch = TestBatches.Build(
            ("id", DataType.Int64, [1L]),
            ("a.b", DataType.Int64, [2L]),
            ("x.y.z", DataType.String, ["deep"]),
            ("a.c", DataType.Boolean, [null]),
            ("p", DataType.Int64, [3L]),
            ("p.q", DataType.Int64, [4L]),
            ("e..f", DataType.Int64, [5L]));
        var options = new WriteOptions { Settings = new Dictionary<string, string> { [JsonWriter.NestedSetting] = "true" } };
        var text = await WriteAsync(JsonLayout.Lines, options, batch);
        text.Should().Be("{\"id\":1,\"a\":{\"b\":2,\"c\":null},\"x\":{\"y\":{\"z\":\"deep\"}},\"p\":3,\"p.q\":4,\"e..f\":5}\n");
    }

    [Fact]
    public async Task A_one_megabyte_string_is_written_whole()
    {
        var big = new string('é', 600_000);
        using var batch = TestBatches.Build(("s", DataType.String, [big]));
        var text = await WriteAsync(JsonLayout.Lines, null, batch);
        text.Should().Be("{\"s\":\"" + big + "\"}\n");
    }
}
