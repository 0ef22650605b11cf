using DatumSync.Data.Formats;
using static DatumSync.Data.Tests.Excel.ExcelTestData;

namespace DatumSync.Data.Tests.Excel;

public class ExcelReaderTests
{
    private static readonly byte[] ThreeSheets = Workbook(
        ("Summary", [["sheet"], ["summary"]]),
        ("Sales 2024", [["sheet"], ["sales"]]),
        ("2", [["sheet"], ["named two"]]));

    [Theory]
    [InlineData(null, "summary")]
    [InlineData("Sales 2024", "sales")]
    [InlineData("sales 2024", "sales")]
    [InlineData("1", "summary")]
    [InlineData("3", "named two")]
    [InlineData("2", "named two")]
    public async Task Sheet_is_chosen_by_name_ignoring_case_or_by_one_based_index(string? sheet, string expected)
    {
        var (_, rows, _) = await ReadAllAsync(ThreeSheets, new ReadOptions { Sheet = sheet });

        rows.Should().ContainSingle().Which.Should().Equal(expected);
    }

    [Theory]
    [InlineData("Missing")]
    [InlineData("4")]
    [InlineData("0")]
    public async Task Unknown_sheet_names_the_sheets_there_are(string sheet)
    {
        var act = () => ReadAllAsync(ThreeSheets, new ReadOptions { Sheet = sheet }, "book.xlsx");

        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("book.xlsx").And.Contain($"no sheet '{sheet}'")
            .And.Contain("'Summary'").And.Contain("'Sales 2024'").And.Contain("3: '2'");
    }

    [Fact]
    public async Task Header_is_the_first_non_empty_row_with_blank_and_duplicate_names_fixed()
    {
        var bytes = Workbook(("Data",
        [
            null!,
            [null, "", null],
            ["id", null, "name", "name", "  id  ", "name_2"],
            [1, 2, "a", "b", 5, "c"],
        ]));

        var (schema, rows, _) = await ReadAllAsync(bytes);

        schema.Select(f => f.Name).Should().Equal("id", "column2", "name", "name_2", "id_2", "name_2_2");
        rows.Should().ContainSingle().Which.Should().Equal(1L, 2L, "a", "b", 5L, "c");
    }

    [Fact]
    public async Task Empty_rows_are_skipped_and_empty_trailing_columns_dropped()
    {
        var bytes = Workbook(("Data",
        [
            ["a", "b", null, new StyledEmptyCell()],
            [1, "x", null, new StyledEmptyCell()],
            null!,
            [new StyledEmptyCell(), null, null, null],
            [2, "y"],
            [""],
            [3, null, null, new StyledEmptyCell()],
            null!,
            [new StyledEmptyCell(), new StyledEmptyCell()],
        ]));

        var (schema, rows, _) = await ReadAllAsync(bytes);

        schema.Select(f => f.Name).Should().Equal("a", "b");
        rows.Should().BeEquivalentTo(new object?[][] { [1L, "x"], [2L, "y"], [3L, null] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_headerless_column_with_values_in_the_sample_is_kept_with_a_generated_name()
    {
        var bytes = Workbook(("Data", [["a"], [1, null, "extra"]]));

        var (schema, rows, _) = await ReadAllAsync(bytes);

        schema.Select(f => f.Name).Should().Equal("a", "column2", "column3");
        rows.Should().ContainSingle().Which.Should().Equal(1L, null, "extra");
    }

    [Fact]
    public async Task Types_are_inferred_from_cell_values()
    {
        var bytes = Workbook(("Data",
        [
            ["bool", "int", "double", "date", "timestamp", "text", "empty"],
            [true, 1, 1.5, new DateOnly(2024, 1, 31), new DateTime(2024, 1, 31, 8, 0, 0), "x", null],
            [false, 2.0, 2, new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 1), "y", null],
        ]));

        var (schema, rows, _) = await ReadAllAsync(bytes);

        schema.Select(f => f.Type).Should().Equal(DataType.Boolean, DataType.Int64, DataType.Double, DataType.Date, DataType.Timestamp, DataType.String, DataType.String);
        rows[1].Should().Equal(false, 2L, 2.0, new DateOnly(2024, 2, 1), new DateTime(2024, 2, 1), "y", null);
    }

    [Fact]
    public async Task A_column_mixing_kinds_becomes_text_with_invariant_numbers_and_iso_dates()
    {
        var bytes = Workbook(("Data",
        [
            ["mixed"],
            [1.5],
            ["text"],
            [true],
            [new DateOnly(2024, 3, 4)],
            [new DateTime(2024, 3, 4, 5, 6, 7)],
            [12345678901234.0],
            [0.1],
        ]));

        var (schema, rows, _) = await ReadAllAsync(bytes);

        schema[0].Type.Should().Be(DataType.String);
        rows.Select(r => r[0]).Should().Equal("1.5", "text", "true", "2024-03-04", "2024-03-04T05:06:07", "12345678901234", "0.1");
    }

    [Fact]
    public async Task Error_cells_and_null_tokens_read_as_null()
    {
        var bytes = Workbook(("Data", [["x", "y"], [new ErrorCell("#N/A"), "NA"], [new ErrorCell("#DIV/0!"), "kept"], [3, "null"]]));

        var (schema, rows, _) = await ReadAllAsync(bytes);

        schema.Select(f => f.Type).Should().Equal(DataType.Int64, DataType.String);
        rows.Should().BeEquivalentTo(new object?[][] { [null, null], [null, "kept"], [3L, null] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Column_type_overrides_and_all_strings_replace_inference()
    {
        var bytes = Workbook(("Data", [["n", "d"], [1, new DateOnly(2024, 1, 2)], [2, new DateOnly(2024, 1, 3)]]));

        var overridden = await ReadAllAsync(bytes, new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["n"] = DataType.Double, ["d"] = DataType.Timestamp } });
        var strings = await ReadAllAsync(bytes, new ReadOptions { AllStrings = true });

        overridden.Schema.Select(f => f.Type).Should().Equal(DataType.Double, DataType.Timestamp);
        overridden.Rows[0].Should().Equal(1.0, new DateTime(2024, 1, 2));
        strings.Schema.Select(f => f.Type).Should().Equal(DataType.String, DataType.String);
        strings.Rows[1].Should().Equal("2", "2024-01-03");
    }

    [Theory]
    [InlineData("int-then-fraction", 2.5, "double")]
    [InlineData("int-then-text", "oops", "string")]
    [InlineData("date-then-time", "timestamp", "timestamp")]
    [InlineData("bool-then-number", 3, "string")]
    public async Task A_value_after_the_sample_that_does_not_fit_raises_schema_widened(string column, object late, string widenedTo)
    {
        object first = column switch
        {
            "date-then-time" => new DateOnly(2024, 1, 1),
            "bool-then-number" => true,
            _ => 1,
        };
        object lateValue = late is "timestamp" ? new DateTime(2024, 1, 1, 10, 30, 0) : late;
        var rows = new List<object?[]> { new object?[] { column } };
        rows.AddRange(Enumerable.Repeat(new object?[] { first }, 10));
        rows.Add([lateValue]);
        var bytes = Workbook(("Data", [.. rows]));

        var act = () => ReadAllAsync(bytes, new ReadOptions { InferenceRows = 5, BatchRows = 4 }, "late.xlsx");

        var e = (await act.Should().ThrowAsync<SchemaWidenedException>()).Which;
        e.WidenedSchema[0].Type.ToString().Should().Be(widenedTo);
        e.Row.Should().Be(11);
        e.ColumnName.Should().Be(column);
        e.Message.Should().Contain("late.xlsx").And.Contain("row 11");
    }

    [Fact]
    public async Task Copy_restarts_with_the_widened_schema_and_loses_no_value()
    {
        var rows = new List<object?[]> { new object?[] { "code", "amount" } };
        rows.AddRange(Enumerable.Range(1, 50).Select(i => new object?[] { i, i }));
        rows.Add(["A-51", 51.25]);
        rows.Add([null, null, "beyond"]);
        var bytes = Workbook(("Data", [.. rows]));
        var written = new List<object?[]>();
        Schema? writtenSchema = null;

        var (schema, count, restarts) = await TableReader.CopyAsync(
            DataSource.FromBytes(bytes, "widen.xlsx"),
            new ReadOptions { InferenceRows = 10, BatchRows = 8 },
            s =>
            {
                written.Clear();
                writtenSchema = s;
                return new CollectingWriter(s, written);
            });

        restarts.Should().Be(3);
        count.Should().Be(52);
        schema.Select(f => f.ToString()).Should().Equal("code: string", "amount: double", "column3: string");
        writtenSchema.Should().Equal(schema);
        written.Should().HaveCount(52);
        written[0].Should().Equal(new object?[] { "1", 1.0, null });
        written[50].Should().Equal(new object?[] { "A-51", 51.25, null });
        written[51].Should().Equal(new object?[] { null, null, "beyond" });
    }

    [Fact]
    public async Task An_empty_sheet_is_an_empty_table()
    {
        var bytes = Workbook(("Empty", []), ("Other", [["a"], [1]]));

        var (schema, rows, batches) = await ReadAllAsync(bytes);

        schema.Should().BeEmpty();
        rows.Should().BeEmpty();
        batches.Should().Be(0);
    }

    [Fact]
    public async Task A_workbook_read_from_a_one_shot_stream_is_spooled_and_read()
    {
        var bytes = Workbook(("Data", [["a"], [1], [2]]));
        using var stream = new NonSeekableStream(bytes);

        await using var reader = await TableReader.OpenAsync(DataSource.FromStream(stream, "stdin"), new ReadOptions { Format = "xlsx" });
        using var batch = await reader.ReadNextBatchAsync();

        batch!.RowCount.Should().Be(2);
        reader.Schema[0].Type.Should().Be(DataType.Int64);
    }

    private sealed class CollectingWriter(Schema schema, List<object?[]> rows) : IBatchWriter
    {
        public Schema Schema => schema;

        public ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
        {
            for (var r = 0; r < batch.RowCount; r++)
                rows.Add([.. batch.Columns.Select(c => c.GetValue(r))]);
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
