using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Json;
using static DatumSync.Data.Tests.TableHelpers;

namespace DatumSync.Data.Tests.Json;

public class JsonReaderTests
{
    internal static async Task<(Schema Schema, List<object?[]> Rows, int Batches)> ReadAsync(string text, JsonLayout layout, ReadOptions? options = null, string name = "data.json")
        => await ReadAsync(Encoding.UTF8.GetBytes(text), layout, options, name);

    internal static async Task<(Schema Schema, List<object?[]> Rows, int Batches)> ReadAsync(byte[] bytes, JsonLayout layout, ReadOptions? options = null, string name = "data.json")
    {
        var reader = await JsonReader.OpenAsync(DataSource.FromBytes(bytes, name), options, layout);
        return await TestBatches.ReadAllAsync(reader);
    }

    private static async Task<DataFormatException> FailureAsync(string text, JsonLayout layout, ReadOptions? options = null, string name = "data.json")
    {
        var act = async () => await ReadAsync(text, layout, options, name);
        return (await act.Should().ThrowAsync<DataFormatException>()).Which;
    }

    private static string Describe(Schema schema) => string.Join(", ", schema.Select(f => $"{f.Name}: {f.Type}"));

    [Fact]
    public async Task An_array_of_objects_becomes_rows_with_columns_in_order_of_first_appearance()
    {
        var (schema, rows, _) = await ReadAsync("""[{"a":1,"b":"x"},{"c":true,"a":2},{"b":null}]""", JsonLayout.Array);
        Describe(schema).Should().Be("a: int64, b: string, c: boolean");
        rows.Should().BeEquivalentTo(new[]
        {
            new object?[] { 1L, "x", null },
            new object?[] { 2L, null, true },
            new object?[] { null, null, null },
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Nested_objects_flatten_to_dotted_names()
    {
        var (schema, rows, _) = await ReadAsync("""{"id":1,"user":{"name":"ann","address":{"city":"Oslo"}},"empty":{}}""" + "\n" +
            """{"id":2,"user":{"address":{"city":"Rome","zip":"00100"},"name":"bob"}}""", JsonLayout.Lines);
        Describe(schema).Should().Be("id: int64, user.name: string, user.address.city: string, user.address.zip: string");
        rows[0].Should().Equal(1L, "ann", "Oslo", null);
        rows[1].Should().Equal(2L, "bob", "Rome", "00100");
    }

    [Fact]
    public async Task Arrays_become_their_compact_json_text()
    {
        var text = "[{\"tags\": [ \"a b\", 1, {\"k\" : [true, null]} ], \"n\": 1},\n {\"tags\": [], \"n\": 2}]";
        var (schema, rows, _) = await ReadAsync(text, JsonLayout.Array);
        Describe(schema).Should().Be("tags: string, n: int64");
        rows[0][0].Should().Be("[\"a b\",1,{\"k\":[true,null]}]");
        rows[1][0].Should().Be("[]");
    }

    [Fact]
    public async Task Types_are_inferred_from_json_tokens()
    {
        var text = """
            {"i":1,"big":1,"f":1,"b":true,"s":"x","d":"2024-01-31","ts":"2024-01-31T10:00:00","tz":"2024-01-31T10:00:00+02:00","mix":1,"n":null,"dts":"2024-01-01"}
            {"i":-2,"big":123456789012345678901234567890,"f":2.5,"b":false,"s":"12","d":"1999-12-31","ts":"2024-01-31T10:00:00.123456","tz":"2024-01-31T08:00:00Z","mix":"one","n":null,"dts":"2024-01-01T12:30:00"}
            """;
        var (schema, rows, _) = await ReadAsync(text, JsonLayout.Lines);
        Describe(schema).Should().Be("i: int64, big: decimal(38,0), f: decimal(20,1), b: boolean, s: string, d: date, ts: timestamp, tz: timestamptz, mix: string, n: string, dts: timestamp");
        rows[1][1].Should().Be(new DecimalValue(Int128.Parse("123456789012345678901234567890"), 0));
        rows[0][2]!.ToString().Should().Be("1.0");
        rows[0][5].Should().Be(new DateOnly(2024, 1, 31));
        rows[1][6].Should().Be(new DateTime(2024, 1, 31, 10, 0, 0).AddTicks(1_234_560));
        rows[0][7].Should().Be(new DateTimeOffset(2024, 1, 31, 8, 0, 0, TimeSpan.Zero));
        rows[1][7].Should().Be(new DateTimeOffset(2024, 1, 31, 8, 0, 0, TimeSpan.Zero));
        rows[0][8].Should().Be("1");
        rows[1][8].Should().Be("one");
        rows[0][10].Should().Be(new DateTime(2024, 1, 1));
    }

    [Fact]
    public async Task Mixed_kinds_become_strings_with_their_json_text()
    {
        var (schema, rows, _) = await ReadAsync("""[{"v":1.50},{"v":true},{"v":"t"},{"v":[1, 2]},{"v":null}]""", JsonLayout.Array);
        schema[0].Type.Should().Be(DataType.String);
        rows.Select(r => r[0]).Should().Equal("1.50", "true", "t", "[1,2]", null);
    }

    [Fact]
    public async Task Timestamps_with_and_without_offsets_together_are_strings()
    {
        var (schema, _, _) = await ReadAsync("""[{"t":"2024-01-01T00:00:00Z"},{"t":"2024-01-01T00:00:00"}]""", JsonLayout.Array);
        schema[0].Type.Should().Be(DataType.String);
    }

    [Fact]
    public async Task Column_type_overrides_and_all_strings_are_honoured()
    {
        var text = """[{"id":"42","p":1.25,"x":7,"d":"2024-01-02"},{"id":"7","p":2,"x":8,"d":"2024-01-03"}]""";
        var options = new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["id"] = DataType.Int64, ["p"] = DataType.Decimal(10, 2) } };
        var (schema, rows, _) = await ReadAsync(text, JsonLayout.Array, options);
        Describe(schema).Should().Be("id: int64, p: decimal(10,2), x: int64, d: date");
        rows[0][0].Should().Be(42L);
        rows[0][1].Should().Be(new DecimalValue(125, 2));
        rows[1][1].Should().Be(new DecimalValue(200, 2));

        var (allStrings, stringRows, _) = await ReadAsync(text, JsonLayout.Array, new ReadOptions { AllStrings = true });
        allStrings.Select(f => f.Type).Should().AllBeEquivalentTo(DataType.String);
        stringRows[0].Should().Equal("42", "1.25", "7", "2024-01-02");
    }

    [Fact]
    public async Task A_single_object_document_is_one_record()
    {
        var (schema, rows, _) = await ReadAsync("{\n  \"a\": 1,\n  \"b\": {\"c\": \"x\"}\n}\n", JsonLayout.Array);
        Describe(schema).Should().Be("a: int64, b.c: string");
        rows.Should().ContainSingle().Which.Should().Equal(1L, "x");
    }

    [Fact]
    public async Task Ndjson_content_in_a_json_file_reads_as_records()
    {
        var (_, rows, _) = await ReadAsync("{\"a\":1}\n{\"a\":2}\n", JsonLayout.Array);
        rows.Select(r => r[0]).Should().Equal(1L, 2L);
    }

    [Fact]
    public async Task Blank_lines_in_ndjson_are_skipped()
    {
        var (_, rows, _) = await ReadAsync("\n{\"a\":1}\n\n   \r\n{\"a\":2}\r\n\n", JsonLayout.Lines);
        rows.Select(r => r[0]).Should().Equal(1L, 2L);
    }

    [Fact]
    public async Task A_byte_order_mark_is_skipped()
    {
        var bytes = "\uFEFF"u8.ToArray().Concat("[{\"a\":\"é\"}]"u8.ToArray()).ToArray();
        var (schema, rows, _) = await ReadAsync(bytes, JsonLayout.Array);
        schema[0].Name.Should().Be("a");
        rows[0][0].Should().Be("é");
        var (_, lines, _) = await ReadAsync("\uFEFF"u8.ToArray().Concat("{\"a\":1}\n"u8.ToArray()).ToArray(), JsonLayout.Lines);
        lines[0][0].Should().Be(1L);
    }

    [Fact]
    public async Task Empty_input_and_an_empty_array_are_empty_tables()
    {
        foreach (var (text, layout) in new[] { ("", JsonLayout.Array), ("  \n", JsonLayout.Lines), ("[ ]", JsonLayout.Array), ("", JsonLayout.Lines) })
        {
            var (schema, rows, batches) = await ReadAsync(text, layout);
            schema.Count.Should().Be(0);
            rows.Should().BeEmpty();
            batches.Should().Be(0);
        }
    }

    [Fact]
    public async Task Escapes_and_unicode_keys_are_decoded()
    {
        var (schema, rows, _) = await ReadAsync("""[{"na\u006De":"line\nbreak \"q\" \u00e9 \ud83d\ude00","日本":"語"}]""", JsonLayout.Array);
        schema[0].Name.Should().Be("name");
        schema[1].Name.Should().Be("日本");
        rows[0].Should().Equal("line\nbreak \"q\" é 😀", "語");
    }

    [Fact]
    public async Task A_repeated_key_keeps_its_last_value()
    {
        var (_, rows, _) = await ReadAsync("""[{"a":1,"a":2}]""", JsonLayout.Array);
        rows[0].Should().Equal(2L);
    }

    [Fact]
    public async Task Invalid_json_names_the_file_line_and_what_was_expected()
    {
        var e = await FailureAsync("{\"a\":1}\n{\"a\":2}\n{\"a\" 3}\n", JsonLayout.Lines, name: "events.ndjson");
        e.Message.Should().Contain("events.ndjson").And.Contain("line 3").And.Contain("Expected a ':'");
        e.Line.Should().Be(3);
        e.Row.Should().Be(3);
    }

    [Fact]
    public async Task An_invalid_start_of_a_value_says_what_a_value_can_be()
    {
        var e = await FailureAsync("[\n{\"a\":1},\n{\"a\":tru}\n]", JsonLayout.Array, name: "x.json");
        e.Message.Should().Contain("x.json").And.Contain("line 3").And.Contain("row 2");
        var bad = await FailureAsync("{\"a\":1}\n{\"a\":@}\n", JsonLayout.Lines);
        bad.Message.Should().Contain("line 2").And.Contain("Expected a JSON value");
    }

    [Fact]
    public async Task A_truncated_file_is_a_clean_error()
    {
        var e = await FailureAsync("[{\"a\":1},\n{\"a\":2,\"b\":\"unfini", JsonLayout.Array, name: "cut.json");
        e.Message.Should().Contain("cut.json").And.Contain("ends inside record 2").And.Contain("truncated");
        var inArray = await FailureAsync("[{\"a\":1},\n{\"a\":2}", JsonLayout.Array);
        inArray.Message.Should().Contain("closing ']'");
        var lines = await FailureAsync("{\"a\":1}\n{\"a\":", JsonLayout.Lines);
        lines.Message.Should().Contain("ends inside record 2");
    }

    [Fact]
    public async Task A_truncated_record_bigger_than_the_buffer_is_a_clean_error()
    {
        var text = "{\"a\":1}\n{\"s\":\"" + new string('x', 3_000_000);
        var e = await FailureAsync(text, JsonLayout.Lines);
        e.Message.Should().Contain("ends inside record 2");
    }

    [Fact]
    public async Task A_line_that_is_not_an_object_names_the_record_and_line()
    {
        var e = await FailureAsync("{\"a\":1}\n\n42\n", JsonLayout.Lines, name: "n.ndjson");
        e.Message.Should().Contain("n.ndjson").And.Contain("line 3").And.Contain("a number").And.Contain("expected one JSON object per line");
        e.Row.Should().Be(2);
        e.Line.Should().Be(3);
        var array = await FailureAsync("[{\"a\":1}]\n", JsonLayout.Lines);
        array.Message.Should().Contain("use format json");
    }

    [Fact]
    public async Task An_array_element_that_is_not_an_object_names_the_element()
    {
        var e = await FailureAsync("[{\"a\":1},\n\"text\"]", JsonLayout.Array, name: "a.json");
        e.Message.Should().Contain("a.json").And.Contain("element 2").And.Contain("a string").And.Contain("expected an object");
        e.Line.Should().Be(2);
        var top = await FailureAsync("\"just a string\"", JsonLayout.Array);
        top.Message.Should().Contain("expected an array of objects or an object");
        var after = await FailureAsync("[{\"a\":1}] 5", JsonLayout.Array);
        after.Message.Should().Contain("after the closing ']'");
    }

    [Fact]
    public async Task Invalid_utf8_is_a_clean_error()
    {
        var bytes = "[{\"a\":\""u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}]"u8.ToArray()).ToArray();
        var act = async () => await ReadAsync(bytes, JsonLayout.Array);
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("UTF-8");
        var surrogate = await FailureAsync("[{\"a\":\"\\ud800\"}]", JsonLayout.Array);
        surrogate.Message.Should().Contain("cannot be decoded");
    }

    [Fact]
    public async Task A_utf16_file_is_reported_as_such()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("[{\"a\":1}]")).ToArray();
        var act = async () => await ReadAsync(bytes, JsonLayout.Array);
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("UTF-16");
    }

    [Fact]
    public async Task A_key_first_seen_after_the_sample_asks_for_a_larger_sample()
    {
        var text = "{\"a\":1}\n{\"a\":2}\n{\"a\":3,\"late\":true}\n";
        var e = await FailureAsync(text, JsonLayout.Lines, new ReadOptions { InferenceRows = 2 }, "late.ndjson");
        e.Message.Should().Contain("late.ndjson").And.Contain("'late'").And.Contain("--infer-rows").And.Contain("row 3");
        var (schema, _, _) = await ReadAsync(text, JsonLayout.Lines, new ReadOptions { InferenceRows = 3 });
        schema.Count.Should().Be(2);
    }

    [Fact]
    public async Task A_value_that_does_not_fit_after_the_sample_throws_the_widened_schema()
    {
        var text = "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n{\"a\":1.5,\"b\":\"z\"}\n";
        var reader = await JsonReader.OpenAsync(DataSource.FromBytes(Encoding.UTF8.GetBytes(text), "w.ndjson"), new ReadOptions { InferenceRows = 2 }, JsonLayout.Lines);
        await using (reader)
        {
            reader.Schema[0].Type.Should().Be(DataType.Int64);
            var act = async () => await reader.ReadNextBatchAsync();
            var e = (await act.Should().ThrowAsync<SchemaWidenedException>()).Which;
            e.Row.Should().Be(3);
            e.ColumnName.Should().Be("a");
            e.Value.Should().Be("1.5");
            e.From.Should().Be(DataType.Int64);
            e.To.Should().Be(DataType.Double);
            e.WidenedSchema[0].Type.Should().Be(DataType.Double);
            e.WidenedSchema[1].Type.Should().Be(DataType.String);
            // The reader stays failed rather than continuing with a hole.
            await act.Should().ThrowAsync<SchemaWidenedException>();
        }
    }

    [Theory]
    [InlineData("int64", "12345678901234567890123", "decimal(38,0)")]
    [InlineData("int64", "\"abc\"", "string")]
    [InlineData("int64", "true", "string")]
    [InlineData("boolean", "1", "string")]
    [InlineData("date", "\"2024-01-01T10:00:00\"", "timestamp")]
    [InlineData("date", "\"2024-01-01T10:00:00Z\"", "string")]
    [InlineData("timestamp", "\"2024-01-01T10:00:00Z\"", "string")]
    [InlineData("decimal(5,2)", "1234.5", "decimal(6,2)")]
    [InlineData("decimal(5,2)", "1.125", "decimal(6,3)")]
    [InlineData("decimal(5,2)", "1e3", "double")]
    [InlineData("double", "[1]", "string")]
    public async Task Widening_picks_the_narrowest_type_that_holds_the_value(string from, string value, string to)
    {
        DataType.TryParse(from, out var type).Should().BeTrue();
        var text = $"{{\"v\":{value}}}\n";
        var options = new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["v"] = type! } };
        var act = async () => await ReadAsync(text, JsonLayout.Lines, options);
        var e = (await act.Should().ThrowAsync<SchemaWidenedException>()).Which;
        e.To.ToString().Should().Be(to);
    }

    [Fact]
    public async Task Widening_through_copy_restarts_and_keeps_every_value()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 5000; i++)
            sb.Append("{\"n\":").Append(i).Append(",\"d\":\"2024-01-01\"}\n");
        sb.Append("{\"n\":1.5,\"d\":\"2024-01-02T03:04:05\"}\n");
        for (var i = 0; i < 10; i++)
            sb.Append("{\"n\":").Append(i).Append(",\"d\":null}\n");
        var source = DataSource.FromBytes(Encoding.UTF8.GetBytes(sb.ToString()), "grow.ndjson");
        var options = new ReadOptions { InferenceRows = 100, BatchRows = 1000 };
        var collected = new List<object?>();
        var (schema, rows, restarts) = await TableReader.CopyAsync(source, options, s => new CollectingWriter(s, collected));
        rows.Should().Be(5011);
        restarts.Should().Be(2);
        Describe(schema).Should().Be("n: double, d: timestamp");
        collected.Should().HaveCount(5011);
        collected[5000].Should().Be(1.5);
        collected[4999].Should().Be(4999.0);
        collected[5010].Should().Be(9.0);
    }

    [Fact]
    public async Task A_large_ndjson_streams_in_several_batches()
    {
        const int records = 200_000;
        var path = Path.Combine(Path.GetTempPath(), $"datumsync-large-{Guid.NewGuid():N}.ndjson");
        try
        {
            await using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                for (var i = 0; i < records; i++)
                    await w.WriteAsync($"{{\"id\":{i},\"name\":\"user {i}\",\"score\":{i * 0.5},\"ok\":{(i % 2 == 0 ? "true" : "false")},\"tags\":[{i % 7}],\"at\":{{\"day\":\"2024-01-{i % 28 + 1:00}\"}}}}\n");
            }
            var source = DataSource.FromFile(path);
            var reader = await JsonReader.OpenAsync(source, new ReadOptions { BatchRows = 50_000, InferenceRows = 1000 }, JsonLayout.Lines);
            await using (reader)
            {
                Describe(reader.Schema).Should().Be("id: int64, name: string, score: decimal(20,1), ok: boolean, tags: string, at.day: date");
                reader.TotalBytes.Should().Be(new FileInfo(path).Length);
                long rows = 0;
                var batches = 0;
                long expectedId = 0;
                while (await reader.ReadNextBatchAsync() is { } batch)
                {
                    using (batch)
                    {
                        batches++;
                        batch.RowCount.Should().BeLessThanOrEqualTo(50_000);
                        var ids = (Int64Column)batch.Column(0);
                        for (var r = 0; r < batch.RowCount; r++)
                        {
                            if (ids[r] != expectedId)
                                ids[r].Should().Be(expectedId);
                            expectedId++;
                        }
                        rows += batch.RowCount;
                    }
                }
                rows.Should().Be(records);
                batches.Should().Be(4);
                reader.BytesRead.Should().Be(new FileInfo(path).Length);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_record_larger_than_the_read_buffer_is_read_whole()
    {
        var big = new string('q', 2_000_000);
        var text = $"[{{\"a\":1}},{{\"a\":2,\"s\":\"{big}\",\"arr\":[\"{big}\"]}},{{\"a\":3}}]";
        var (_, rows, _) = await ReadAsync(text, JsonLayout.Array);
        rows.Should().HaveCount(3);
        ((string)rows[1][1]!).Should().HaveLength(2_000_000);
        ((string)rows[1][2]!).Should().HaveLength(2_000_004);
    }

    [Fact]
    public async Task A_small_batch_size_splits_the_sample_replay_too()
    {
        var text = string.Concat(Enumerable.Range(0, 25).Select(i => $"{{\"i\":{i}}}\n"));
        var (_, rows, batches) = await ReadAsync(text, JsonLayout.Lines, new ReadOptions { BatchRows = 4, InferenceRows = 10 });
        rows.Select(r => r[0]).Should().Equal(Enumerable.Range(0, 25).Select(i => (object?)(long)i));
        batches.Should().Be(7);
    }

    [Fact]
    public async Task Input_read_in_tiny_chunks_gives_the_same_rows()
    {
        var text = "[{\"a\":1,\"s\":\"héllo wörld\",\"n\":{\"x\":[1,2,3]}},\n{\"a\":2,\"s\":\"\\u00e9\",\"n\":{\"x\":[]}}]";
        var source = DataSource.FromStream(new TrickleStream(Encoding.UTF8.GetBytes(text)), "trickle.json");
        var reader = await JsonReader.OpenAsync(source, null, JsonLayout.Array);
        var (schema, rows, _) = await TestBatches.ReadAllAsync(reader);
        Describe(schema).Should().Be("a: int64, s: string, n.x: string");
        rows[0].Should().Equal(1L, "héllo wörld", "[1,2,3]");
        rows[1].Should().Equal(2L, "é", "[]");
    }

    [Fact]
    public async Task Parsing_random_fragments_never_throws_anything_but_data_format_errors()
    {
        var random = new Random(20240611);
        var pieces = new[] { "{", "}", "[", "]", ",", ":", "\"a\"", "\"b\"", "1", "-2.5e3", "true", "null", " ", "\n", "\"x\\u00e9\"", "{\"a\":1}", "\"\\", "tru" };
        for (var i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            var n = random.Next(1, 20);
            for (var k = 0; k < n; k++)
                sb.Append(pieces[random.Next(pieces.Length)]);
            foreach (var layout in new[] { JsonLayout.Array, JsonLayout.Lines })
            {
                try
                {
                    await ReadAsync(sb.ToString(), layout, new ReadOptions { InferenceRows = random.Next(1, 3) });
                }
                catch (DataFormatException)
                {
                }
            }
        }
    }

    /// <summary>Returns at most a few bytes per read, to cross every token boundary.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, 3)], cancellationToken);
    }
}
