using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Csv;
using static DatumSync.Data.Tests.TableHelpers;

namespace DatumSync.Data.Tests.Csv;

public class CsvReaderTests
{
    [Fact]
    public async Task Typed_columns_are_inferred_and_read()
    {
        var t = await ReadCsvAsync("id,amount,name,day,ts,active\n1,10.50,Ann,2024-01-02,2024-01-02T03:04:05,true\n2,-3.25,Bob,2023-12-31,2023-12-31T23:59:59,false\n");
        t.Schema.Select(f => f.Type.ToString()).Should().Equal("int64", "decimal(18,2)", "string", "date", "timestamp", "boolean");
        t.Rows.Should().HaveCount(2);
        t.Rows[0][0].Should().Be(1L);
        t.Rows[0][1]!.ToString().Should().Be("10.50");
        t.Rows[1][2].Should().Be("Bob");
        t.Rows[1][3].Should().Be(new DateOnly(2023, 12, 31));
        t.Rows[0][4].Should().Be(new DateTime(2024, 1, 2, 3, 4, 5));
        t.Rows[1][5].Should().Be(false);
    }

    [Fact]
    public async Task Quoted_newline_inside_field_stays_in_one_row()
    {
        var t = await ReadCsvAsync("a,b\n\"line1\nline2\",2\n\"x \"\"quoted\"\", y\",3\n");
        t.Rows.Should().HaveCount(2);
        t.Rows[0][0].Should().Be("line1\nline2");
        t.Rows[1][0].Should().Be("x \"quoted\", y");
        t.Rows[1][1].Should().Be(3L);
    }

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    [InlineData(",")]
    public async Task Delimiters_are_sniffed(string d)
    {
        var t = await ReadCsvAsync($"a{d}b{d}c\n1{d}x{d}2.5\n2{d}y{d}3.5\n");
        t.Schema.Count.Should().Be(3);
        ((CsvReaderDiagnostics(t)).Single(p => p.Key == "delimiter").Value).Should().Be(d == "\t" ? "\\t" : d);
        t.Rows[1][1].Should().Be("y");
    }

    private static IReadOnlyList<KeyValuePair<string, string>> CsvReaderDiagnostics(Table t) => t.Diagnostics!.Properties;

    [Fact]
    public async Task Semicolon_file_with_decimal_commas_reads_numbers()
    {
        var t = await ReadCsvAsync("name;price;qty\nA;1,50;3\nB;12,25;4\nC;1.234,50;5\n");
        t.Schema[1].Type.Should().Be(DataType.Decimal(18, 2));
        t.Column("price").Select(v => v!.ToString()).Should().Equal("1.50", "12.25", "1234.50");
    }

    [Fact]
    public async Task Crlf_and_cr_line_endings_read_the_same()
    {
        var lf = await ReadCsvAsync("a,b\n1,2\n3,4\n");
        var crlf = await ReadCsvAsync("a,b\r\n1,2\r\n3,4\r\n");
        var cr = await ReadCsvAsync("a,b\r1,2\r3,4\r");
        crlf.Rows.Should().BeEquivalentTo(lf.Rows);
        cr.Rows.Should().BeEquivalentTo(lf.Rows);
        crlf.Diagnostics!.Properties.Single(p => p.Key == "line ending").Value.Should().Be("CRLF");
        cr.Diagnostics!.Properties.Single(p => p.Key == "line ending").Value.Should().Be("CR");
    }

    [Fact]
    public async Task Blank_lines_are_skipped()
    {
        var t = await ReadCsvAsync("a,b\n\n1,2\n\n\n3,4\n\n");
        t.Rows.Should().HaveCount(2);
    }

    [Fact]
    public async Task Missing_final_newline_still_reads_the_last_row()
    {
        var t = await ReadCsvAsync("a,b\n1,2\n3,4");
        t.Rows.Should().HaveCount(2);
        t.Rows[1][1].Should().Be(4L);
    }

    [Fact]
    public async Task Ragged_row_is_an_error_naming_row_and_line()
    {
        var act = () => ReadCsvAsync("a,b,c\n1,2,3\n\"x\ny\",5\n7,8,9\n");
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("test.csv").And.Contain("row 2 (line 3)").And.Contain("has 2 fields, expected 3");
    }

    [Fact]
    public async Task Ragged_rows_can_be_padded_or_skipped()
    {
        var text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n";
        var skipped = await ReadCsvAsync(text, new ReadOptions { Csv = new CsvOptions { Ragged = RaggedRows.Skip } });
        skipped.Rows.Should().HaveCount(2);
        skipped.Diagnostics!.Warnings.Should().Contain(w => w.Contains("2 ragged row"));
        var padded = () => ReadCsvAsync(text, new ReadOptions { Csv = new CsvOptions { Ragged = RaggedRows.Pad } });
        (await padded.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("row 3").And.Contain("4 fields");
        var padOnly = await ReadCsvAsync("a,b,c\n1,2,3\n4,5\n", new ReadOptions { Csv = new CsvOptions { Ragged = RaggedRows.Pad } });
        padOnly.Rows[1].Should().Equal(new object?[] { 4L, 5L, null });
    }

    [Fact]
    public async Task Null_tokens_become_nulls()
    {
        var t = await ReadCsvAsync("n,s\n1,x\nNA,N/A\nnull,NULL\nNone,\n,y\nNaN,NaN\n");
        t.Schema[0].Type.Should().Be(DataType.Int64);
        t.Column("n").Should().Equal(new object?[] { 1L, null, null, null, null, null });
        t.Column("s").Should().Equal(new object?[] { "x", null, null, null, "y", "NaN" });
    }

    [Fact]
    public async Task Quoted_empty_is_an_empty_string_and_unquoted_empty_is_null()
    {
        var t = await ReadCsvAsync("a,b\n\"\",1\n,2\n");
        t.Column("a").Should().Equal(new object?[] { "", null });
    }

    [Fact]
    public async Task Headerless_numeric_file_gets_generated_names()
    {
        var t = await ReadCsvAsync("1,2.5,2024-01-01\n2,3.5,2024-01-02\n");
        t.Schema.Select(f => f.Name).Should().Equal("column1", "column2", "column3");
        t.Rows.Should().HaveCount(2);
    }

    [Fact]
    public async Task Duplicate_and_empty_header_names_are_made_unique()
    {
        var t = await ReadCsvAsync("a,a,,b\n1,2,3,4\n");
        t.Schema.Select(f => f.Name).Should().Equal("a", "a_2", "column3", "b");
    }

    [Fact]
    public async Task Leading_zero_codes_are_strings()
    {
        var t = await ReadCsvAsync("zip,n\n02134,1\n10001,2\n");
        t.Schema[0].Type.Should().Be(DataType.String);
        t.Column("zip").Should().Equal("02134", "10001");
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public async Task Boms_select_the_encoding(string expected)
    {
        const string text = "name,city\nZoë,Zürich\nJosé,São Paulo\n";
        Encoding enc = expected switch
        {
            "utf-16le" => new UnicodeEncoding(false, true),
            "utf-16be" => new UnicodeEncoding(true, true),
            _ => new UTF8Encoding(true),
        };
        var bytes = enc.GetPreamble().Concat(enc.GetBytes(text)).ToArray();
        var t = await ReadCsvAsync(bytes);
        t.Diagnostics!.Properties.Single(p => p.Key == "encoding").Value.Should().Be(expected);
        t.Schema[0].Name.Should().Be("name");
        t.Column("city").Should().Equal("Zürich", "São Paulo");
    }

    [Fact]
    public async Task Windows_1252_is_detected_when_the_bytes_are_not_utf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes("name,price\nCafé,€5\nNaïve,€6\n");
        var t = await ReadCsvAsync(bytes);
        t.Diagnostics!.Properties.Single(p => p.Key == "encoding").Value.Should().Be("windows-1252");
        t.Column("name").Should().Equal("Café", "Naïve");
        t.Column("price").Should().Equal("€5", "€6");
    }

    [Fact]
    public async Task Invalid_utf8_after_the_sample_names_row_and_column()
    {
        var sb = new StringBuilder("id,name\n");
        for (var i = 1; i <= 100_000; i++)
            sb.Append(i).Append(",name").Append(i).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(sb.ToString()).Concat(new byte[] { (byte)'9', (byte)',', 0xE9, (byte)'\n' }).ToArray();
        var act = () => ReadCsvAsync(bytes);
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("row 100001").And.Contain("column 'name'").And.Contain("invalid UTF-8").And.Contain("--encoding");
    }

    [Fact]
    public async Task Unterminated_quote_is_reported_with_its_row()
    {
        var act = () => ReadCsvAsync("a,b\n1,2\n3,\"never closed\n4,5\n");
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("row 2").And.Contain("never closes");
    }

    [Fact]
    public async Task Stray_quotes_inside_unquoted_fields_are_text()
    {
        var t = await ReadCsvAsync("item,size\n12\" pizza,large\nsoda,small\n\"quoted, item\",x\n");
        t.Column("item").Should().Equal("12\" pizza", "soda", "quoted, item");
        t.Diagnostics!.Properties.Single(p => p.Key == "scanner").Value.Should().Contain("field-start");
    }

    [Fact]
    public async Task Backslash_escapes_are_detected()
    {
        var t = await ReadCsvAsync("a,b\n\"say \\\"hi\\\", ok\",1\n\"plain\",2\n");
        t.Column("a").Should().Equal("say \"hi\", ok", "plain");
    }

    [Fact]
    public async Task A_value_after_the_sample_widens_the_column_in_the_first_batch()
    {
        var sb = new StringBuilder("n\n");
        for (var i = 0; i < 30_000; i++)
            sb.Append(i).Append('\n');
        sb.Append("2.5\n");
        var t = await ReadCsvAsync(sb.ToString(), new ReadOptions { InferenceRows = 100 });
        t.Schema[0].Type.Should().Be(DataType.Decimal(20, 1));
        t.Rows.Should().HaveCount(30_001);
        t.Rows[^1][0]!.ToString().Should().Be("2.5");
        t.Diagnostics!.Warnings.Should().Contain(w => w.Contains("widened"));
    }

    [Fact]
    public async Task A_value_after_emitted_batches_asks_for_a_restart_and_CopyAsync_restarts()
    {
        var sb = new StringBuilder("n,s\n");
        for (var i = 0; i < 50_000; i++)
            sb.Append(i).Append(",x\n");
        sb.Append("oops,y\n");
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        var options = new ReadOptions { InferenceRows = 100, BatchRows = 1000 };

        var direct = () => ReadCsvAsync(bytes, options);
        (await direct.Should().ThrowAsync<SchemaWidenedException>()).Which.Message.Should().Contain("row 50001").And.Contain("'oops'");

        var collected = new List<object?>();
        var (schema, rows, restarts) = await TableReader.CopyAsync(DataSource.FromBytes(bytes, "w.csv"), options with { Format = "csv" },
            s => new CollectingWriter(s, collected));
        restarts.Should().Be(1);
        rows.Should().Be(50_001);
        schema[0].Type.Should().Be(DataType.String);
        collected.Should().HaveCount(50_001);
        collected[^1].Should().Be("oops");
        collected[0].Should().Be("0");
    }

    [Fact]
    public async Task Type_overrides_replace_inference()
    {
        var t = await ReadCsvAsync("zip,n\n02134,1\n",
            new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["n"] = DataType.String, ["zip"] = DataType.Int64 } });
        t.Schema[0].Type.Should().Be(DataType.Int64);
        t.Column("zip").Should().Equal(2134L);
        t.Column("n").Should().Equal("1");
    }

    [Fact]
    public async Task Override_for_a_missing_column_lists_the_columns()
    {
        var act = () => ReadCsvAsync("a,b\n1,2\n", new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["c"] = DataType.String } });
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("'c'").And.Contain("a, b");
    }

    [Fact]
    public async Task Empty_file_has_no_columns_and_no_rows()
    {
        var t = await ReadCsvAsync("");
        t.Schema.Count.Should().Be(0);
        t.Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Header_only_file_has_columns_and_no_rows()
    {
        var t = await ReadCsvAsync("a,b,c\n");
        t.Schema.Select(f => f.Name).Should().Equal("a", "b", "c");
        t.Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Many_rows_stream_in_several_batches()
    {
        var sb = new StringBuilder("id,v\n");
        for (var i = 0; i < 200_000; i++)
            sb.Append(i).Append(',').Append(i % 7 == 0 ? "" : (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        var t = await ReadCsvAsync(sb.ToString(), new ReadOptions { BatchRows = 10_000 });
        t.Batches.Should().BeGreaterThan(10);
        t.Rows.Should().HaveCount(200_000);
        t.Rows[199_999][0].Should().Be(199_999L);
        t.Column("v").Count(v => v is null).Should().Be(Enumerable.Range(0, 200_000).Count(i => i % 7 == 0));
    }
}

public class CsvVerifyTests
{
    private static string Sample(int rows, string? lastLine = null)
    {
        var sb = new StringBuilder("id,amount,day,flag,name\n");
        for (var i = 0; i < rows; i++)
            sb.Append(i).Append(',').Append(i % 9 == 0 ? "" : $"{i}.{i % 100:00}").Append(',')
              .Append(i % 13 == 0 ? "NA" : $"2024-01-{i % 28 + 1:00}").Append(',').Append(i % 2 == 0 ? "true" : "false").Append(',')
              .Append(i % 17 == 0 ? "" : $"n{i}").Append('\n');
        if (lastLine is not null)
            sb.Append(lastLine).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public async Task Verifying_counts_the_same_rows_and_nulls_as_reading_every_batch()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample(150_000));
        var options = new ReadOptions { BatchRows = 10_000 };

        long fullRows = 0;
        var fullNulls = new long[5];
        await using (var reader = await CsvReader.OpenAsync(DataSource.FromBytes(bytes, "v.csv"), options))
        {
            while (await reader.ReadNextBatchAsync() is { } b)
            {
                using (b)
                {
                    fullRows += b.RowCount;
                    for (var c = 0; c < 5; c++)
                        fullNulls[c] += b.Column(c).NullCount;
                }
            }
        }

        await using var verifier = await CsvReader.OpenAsync(DataSource.FromBytes(bytes, "v.csv"), options);
        long rows;
        var nulls = new long[5];
        using (var first = (await verifier.ReadNextBatchAsync())!)
        {
            rows = first.RowCount;
            for (var c = 0; c < 5; c++)
                nulls[c] += first.Column(c).NullCount;
        }
        var summary = await verifier.VerifyRemainingAsync();
        (rows + summary.Rows).Should().Be(fullRows).And.Be(150_000);
        nulls.Zip(summary.NullCounts, (a, b) => a + b).Should().Equal(fullNulls);
        fullNulls.Should().OnlyContain(n => n > 0 || n == 0).And.Contain(n => n > 1000);
    }

    [Fact]
    public async Task Verifying_widens_in_place_when_asked_and_reports_the_final_type()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample(100_000, "100000,1.5,2024-01-01,maybe,x"));
        await using var reader = await CsvReader.OpenAsync(DataSource.FromBytes(bytes, "v.csv"),
            new ReadOptions { BatchRows = 5_000, WidenInPlace = true });
        (await reader.ReadNextBatchAsync())!.Dispose();
        var summary = await reader.VerifyRemainingAsync();
        summary.Rows.Should().Be(100_001 - 5_000);
        reader.Schema[3].Type.Should().Be(DataType.String, "'maybe' is not a boolean");
        reader.Schema[1].Type.Should().Be(DataType.Decimal(18, 2), "1.5 fits the decimal already");
        reader.Warnings.Should().ContainSingle(w => w.Contains("'flag'") && w.Contains("row 100001"));
    }

    [Fact]
    public async Task Verifying_without_widen_in_place_asks_for_a_restart()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample(100_000, "100000,1.5,2024-01-01,maybe,x"));
        await using var reader = await CsvReader.OpenAsync(DataSource.FromBytes(bytes, "v.csv"), new ReadOptions { BatchRows = 5_000 });
        (await reader.ReadNextBatchAsync())!.Dispose();
        var act = async () => await reader.VerifyRemainingAsync();
        (await act.Should().ThrowAsync<SchemaWidenedException>()).Which.WidenedSchema[3].Type.Should().Be(DataType.String);
    }
}

public class CsvUserTypeTests
{
    [Fact]
    public async Task A_value_that_breaks_a_user_given_type_is_an_error_not_a_widening()
    {
        var act = () => ReadCsvAsync("id,qty\n1,5\n2,x\n", new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["qty"] = DataType.Int64 } });
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Should().NotBeOfType<SchemaWidenedException>();
        e.Message.Should().Contain("row 2").And.Contain("column 'qty'").And.Contain("'x' does not fit the type int64 given");
    }

    [Fact]
    public async Task A_copy_does_not_widen_a_user_given_type_after_batches_went_out()
    {
        var sb = new StringBuilder("id,qty\n");
        for (var i = 0; i < 30_000; i++)
            sb.Append(i).Append(",5\n");
        sb.Append("30000,lots\n");
        var options = new ReadOptions { BatchRows = 1_000, InferenceRows = 100, Format = "csv", ColumnTypes = new Dictionary<string, DataType> { ["qty"] = DataType.Int64 } };

        var act = async () => await TableReader.CopyAsync(DataSource.FromBytes(Encoding.UTF8.GetBytes(sb.ToString()), "u.csv"), options, s => new CollectingWriter(s, []));

        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("row 30001").And.Contain("'lots' does not fit the type int64 given");
    }

    [Fact]
    public async Task Widened_types_from_a_restart_may_widen_again()
    {
        var t = await ReadCsvAsync("v\n1\n2.5\nabc\n", new ReadOptions { WidenedTypes = new Dictionary<string, DataType> { ["v"] = DataType.Decimal(18, 1) } });
        t.Schema[0].Type.Should().Be(DataType.String);
        t.Column("v").Should().Equal("1", "2.5", "abc");
    }
}
