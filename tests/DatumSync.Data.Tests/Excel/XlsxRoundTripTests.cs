using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Excel;
using static DatumSync.Data.Tests.Excel.ExcelTestData;

namespace DatumSync.Data.Tests.Excel;

public class XlsxRoundTripTests
{
    private static readonly Schema AllTypes = new(
    [
        new Field("flag", DataType.Boolean),
        new Field("count", DataType.Int64),
        new Field("ratio", DataType.Double),
        new Field("price", DataType.Decimal(18, 4)),
        new Field("label", DataType.String),
        new Field("day", DataType.Date),
        new Field("at", DataType.Timestamp),
        new Field("at_utc", DataType.TimestampWithOffset),
    ]);

    private static readonly object?[][] AllTypesRows =
    [
        [true, 1L, 0.5, "12.3456", "héllo wörld", new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29, 13, 45, 30, 123), new DateTime(2024, 1, 1, 0, 0, 1)],
        [false, -42L, -1e-7, "-0.0001", "日本語のテキスト 🎉", new DateOnly(1900, 1, 1), new DateTime(1900, 3, 1, 0, 0, 0), new DateTime(1999, 12, 31, 23, 59, 59, 999)],
        [null, null, null, null, "only text", null, null, null],
        [true, 9_007_199_254_740_992L, 1.7976931348623157e308, "99999999.9999", "  padded  ", new DateOnly(9999, 12, 31), new DateTime(2038, 1, 19, 3, 14, 7, 500), new DateTime(1970, 1, 1)],
        [null, 0L, 3.141592653589793, "0.0000", "line1\nline2\r\nline3\ttab", new DateOnly(1900, 2, 28), new DateTime(1900, 1, 1, 6, 0, 0), null],
        [false, long.MinValue + 1024, 0.1 + 0.2, "1.5000", "<xml> & \"quotes\" 'apos' _x0041_ \u0001\u001f ctrl", new DateOnly(1970, 1, 1), new DateTime(2024, 12, 31, 23, 59, 59), new DateTime(2024, 6, 1, 12, 0, 0)],
        [true, 7L, 2.0, "-123456.7890", "עברית مرحبا e\u0301", new DateOnly(2000, 2, 29), new DateTime(2000, 2, 29, 0, 0, 0, 1), new DateTime(2000, 1, 1, 0, 0, 0, 1)],
    ];

    [Fact]
    public async Task Every_type_with_nulls_and_unicode_survives_a_round_trip()
    {
        var bytes = await WriteXlsxAsync(AllTypes, [Batch(AllTypes, AllTypesRows)]);

        var (schema, rows, _) = await ReadAllAsync(bytes);

        schema.Select(f => f.Name).Should().Equal(AllTypes.Select(f => f.Name));
        schema.Select(f => f.Type).Should().Equal(
            DataType.Boolean, DataType.Int64, DataType.Double, DataType.Double, DataType.String, DataType.Date,
            DataType.Timestamp, DataType.Timestamp);
        rows.Should().HaveCount(AllTypesRows.Length);
        for (var r = 0; r < rows.Count; r++)
        {
            var expected = AllTypesRows[r];
            var actual = rows[r];
            actual[0].Should().Be(expected[0], $"flag row {r}");
            actual[1].Should().Be(expected[1], $"count row {r}");
            actual[2].Should().Be(expected[2], $"ratio row {r}");
            actual[3].Should().Be(expected[3] is string d ? double.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : null, $"price row {r}");
            actual[4].Should().Be(expected[4], $"label row {r}");
            actual[5].Should().Be(expected[5], $"day row {r}");
            AssertSameToTheMillisecond(actual[6], expected[6], $"at row {r}");
            AssertSameToTheMillisecond(actual[7], expected[7], $"at_utc row {r}");
        }
    }

    [Fact]
    public async Task Timestamps_keep_their_milliseconds_across_many_values()
    {
        var schema = new Schema([new Field("at", DataType.Timestamp)]);
        var random = new Random(20240229);
        var values = Enumerable.Range(0, 2000)
            .Select(_ => new DateTime(1900, 1, 1).AddMilliseconds(random.NextInt64(0, (long)(new DateTime(9999, 1, 1) - new DateTime(1900, 1, 1)).TotalMilliseconds)))
            .ToArray();
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, [.. values.Select(v => new object?[] { v })])]);

        var (read, rows, _) = await ReadAllAsync(bytes);

        read[0].Type.Should().Be(DataType.Timestamp);
        rows.Select(r => (DateTime)r[0]!).Should().Equal(values);
    }

    [Fact]
    public async Task Microseconds_are_kept_in_the_file_and_read_back_to_the_millisecond()
    {
        var schema = new Schema([new Field("at", DataType.Timestamp)]);
        var value = new DateTime(2024, 5, 6, 7, 8, 9).AddTicks(1234560); // .123456
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, [value])]);

        var (_, rows, _) = await ReadAllAsync(bytes);

        ((DateTime)rows[0][0]!).Should().Be(new DateTime(2024, 5, 6, 7, 8, 9, 123));
    }

    [Fact]
    public async Task Dates_before_1900_are_written_as_iso_text_and_read_back_as_dates_when_the_column_says_so()
    {
        var schema = new Schema([new Field("day", DataType.Date)]);
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, [new DateOnly(1899, 12, 31)], [new DateOnly(1066, 10, 14)], [new DateOnly(2001, 1, 1)])]);

        var inferred = await ReadAllAsync(bytes);
        var typed = await ReadAllAsync(bytes, new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["day"] = DataType.Date } });

        inferred.Schema[0].Type.Should().Be(DataType.String);
        inferred.Rows.Select(r => r[0]).Should().Equal("1899-12-31", "1066-10-14", "2001-01-01");
        typed.Rows.Select(r => r[0]).Should().Equal(new DateOnly(1899, 12, 31), new DateOnly(1066, 10, 14), new DateOnly(2001, 1, 1));
    }

    [Fact]
    public async Task Decimal_columns_read_back_as_the_nearest_double()
    {
        var schema = new Schema([new Field("amount", DataType.Decimal(38, 2))]);
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, ["12345678901234567890.12"], ["0.10"])]);

        var (read, rows, _) = await ReadAllAsync(bytes);

        read[0].Type.Should().Be(DataType.Double);
        rows.Select(r => r[0]).Should().Equal(12345678901234567890.12, 0.1);
    }

    [Fact]
    public async Task A_decimal_override_reads_excel_numbers_without_binary_noise()
    {
        var schema = new Schema([new Field("amount", DataType.Double)]);
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, [0.1 + 0.2], [12.5], [-3.0])]);

        var (read, rows, _) = await ReadAllAsync(bytes, new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["amount"] = DataType.Decimal(10, 2) } });

        read[0].Type.Should().Be(DataType.Decimal(10, 2));
        rows.Select(r => r[0]!.ToString()).Should().Equal("0.30", "12.50", "-3.00");
    }

    [Fact]
    public async Task Not_a_number_and_infinities_become_error_cells_that_read_as_null()
    {
        var schema = new Schema([new Field("id", DataType.Int64), new Field("x", DataType.Double)]);
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, [1L, double.NaN], [2L, double.PositiveInfinity], [3L, double.NegativeInfinity], [4L, 1.5])]);

        var (_, rows, _) = await ReadAllAsync(bytes);

        rows.Select(r => r[1]).Should().Equal(new object?[] { null, null, null, 1.5 });
    }

    [Fact]
    public async Task A_row_of_nulls_is_an_empty_row_in_excel_and_is_skipped()
    {
        var schema = new Schema([new Field("a", DataType.Int64), new Field("b", DataType.String)]);
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, [1L, "x"], [null, null], [3L, null])]);

        var (_, rows, _) = await ReadAllAsync(bytes);

        rows.Should().BeEquivalentTo(new object?[][] { [1L, "x"], [3L, null] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_hundred_thousand_rows_write_and_read_back_in_several_batches()
    {
        var schema = new Schema([new Field("id", DataType.Int64), new Field("name", DataType.String), new Field("score", DataType.Double), new Field("day", DataType.Date)]);
        const int total = 100_000;
        IEnumerable<RecordBatch> Batches()
        {
            for (var start = 0; start < total; start += 30_000)
            {
                var rows = Enumerable.Range(start, Math.Min(30_000, total - start))
                    .Select(i => new object?[] { (long)i, $"name {i}", i / 4.0, DateOnly.FromDayNumber(730_000 + (i % 3000)) })
                    .ToArray();
                yield return Batch(schema, rows);
            }
        }
        var bytes = await WriteXlsxAsync(schema, Batches());

        var options = new ReadOptions { BatchRows = 16_384, InferenceRows = 1000 };
        await using var reader = await TableReader.OpenAsync(DataSource.FromBytes(bytes, "big.xlsx"), options);
        reader.Schema.Select(f => f.Type).Should().Equal(DataType.Int64, DataType.String, DataType.Double, DataType.Date);
        long expectedId = 0;
        var batches = 0;
        var lastProgress = 0L;
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                batches++;
                batch.RowCount.Should().BeLessThanOrEqualTo(options.BatchRows);
                var ids = (Int64Column)batch.Column("id");
                var names = (StringColumn)batch.Column("name");
                for (var r = 0; r < batch.RowCount; r++, expectedId++)
                {
                    ids[r].Should().Be(expectedId);
                    if (r % 997 == 0)
                        names.GetString(r).Should().Be($"name {expectedId}");
                }
            }
            reader.BytesRead.Should().BeGreaterThanOrEqualTo(lastProgress);
            lastProgress = reader.BytesRead;
        }
        expectedId.Should().Be(total);
        batches.Should().Be((total + options.BatchRows - 1) / options.BatchRows);
        reader.BytesRead.Should().Be(reader.TotalBytes);
    }

    [Fact]
    public async Task The_written_workbook_is_valid_against_the_open_xml_schema()
    {
        var bytes = await WriteXlsxAsync(AllTypes, [Batch(AllTypes, AllTypesRows)], new WriteOptions { SheetName = "Données 2024" });

        using var ms = new MemoryStream(bytes);
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(ms, false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        errors.Should().BeEmpty();
        doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single().Name!.Value.Should().Be("Données 2024");
    }

    [Fact]
    public async Task An_empty_table_writes_a_header_only_sheet()
    {
        var bytes = await WriteXlsxAsync(AllTypes, []);

        var (schema, rows, batches) = await ReadAllAsync(bytes);

        schema.Select(f => f.Name).Should().Equal(AllTypes.Select(f => f.Name));
        schema.Select(f => f.Type).Should().AllBeEquivalentTo(DataType.String);
        rows.Should().BeEmpty();
        batches.Should().Be(0);
    }

    [Fact]
    public async Task Copy_through_table_reader_writes_an_xlsx_the_reader_reads_back()
    {
        var bytes = await WriteXlsxAsync(AllTypes, [Batch(AllTypes, AllTypesRows)]);
        using var output = new MemoryStream();

        var (schema, count, restarts) = await TableReader.CopyAsync(
            DataSource.FromBytes(bytes, "in.xlsx"), new ReadOptions(),
            s => FormatRegistry.Default.ResolveForWrite("out.xlsx", null).CreateWriter(output, s, new WriteOptions()));

        count.Should().Be(AllTypesRows.Length);
        restarts.Should().Be(0);
        var again = await ReadAllAsync(output.ToArray());
        again.Schema.Should().Equal(schema);
        again.Rows.Should().BeEquivalentTo((await ReadAllAsync(bytes)).Rows, o => o.WithStrictOrdering());
    }

    private static void AssertSameToTheMillisecond(object? actual, object? expected, string because)
    {
        if (expected is null)
        {
            actual.Should().BeNull(because);
            return;
        }
        var e = (DateTime)expected;
        var truncated = new DateTime(e.Ticks - e.Ticks % TimeSpan.TicksPerMillisecond);
        actual.Should().BeOfType<DateTime>(because).Which.Should().Be(truncated, because);
    }
}
