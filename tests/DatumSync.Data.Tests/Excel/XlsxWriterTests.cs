using System.IO.Compression;
using System.Xml.Linq;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Excel;
using static DatumSync.Data.Tests.Excel.ExcelTestData;

namespace DatumSync.Data.Tests.Excel;

public class XlsxWriterTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public async Task More_rows_than_a_worksheet_holds_fail_before_anything_is_written_for_that_batch()
    {
        var schema = new Schema([new Field("flag", DataType.Boolean)]);
        using var ms = new MemoryStream();
        await using var writer = new XlsxWriter(ms, schema, name: "out.xlsx");
        using (var first = Repeat(schema, XlsxWriter.MaxRows - 11))
            await writer.WriteBatchAsync(first);
        var lengthBefore = ms.Length;

        using var tooMany = Repeat(schema, 11);
        var act = async () => await writer.WriteBatchAsync(tooMany);

        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("out.xlsx").And.Contain("1,048,576 rows");
        ms.Length.Should().Be(lengthBefore);
    }

    [Fact]
    public async Task The_last_row_a_worksheet_holds_is_accepted()
    {
        var schema = new Schema([new Field("flag", DataType.Boolean)]);
        using var ms = new MemoryStream();
        await using var writer = new XlsxWriter(ms, schema);
        using (var all = Repeat(schema, XlsxWriter.MaxRows - 1))
            await writer.WriteBatchAsync(all);

        await writer.CompleteAsync();

        ms.Length.Should().BeGreaterThan(0);
    }

    [Fact]
    public void More_columns_than_a_worksheet_holds_are_rejected_up_front()
    {
        var schema = new Schema(Enumerable.Range(0, XlsxWriter.MaxColumns + 1).Select(i => new Field($"c{i}", DataType.Int64)));

        var act = () => new XlsxWriter(new MemoryStream(), schema);

        act.Should().Throw<DataFormatException>().WithMessage("*16,385 columns*at most 16,384*");
    }

    [Fact]
    public async Task Text_longer_than_a_cell_holds_names_the_row_and_column()
    {
        var schema = new Schema([new Field("id", DataType.Int64), new Field("notes", DataType.String)]);
        using var ms = new MemoryStream();
        await using var writer = new XlsxWriter(ms, schema, name: "out.xlsx");
        using var batch = Batch(schema, [1L, "short"], [2L, new string('x', XlsxWriter.MaxCellTextLength + 1)]);

        var act = async () => await writer.WriteBatchAsync(batch);

        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Row.Should().Be(2);
        e.ColumnName.Should().Be("notes");
        e.Message.Should().Contain("out.xlsx").And.Contain("32,768 characters").And.Contain("32,767");
    }

    [Fact]
    public async Task Text_of_exactly_the_cell_limit_round_trips()
    {
        var schema = new Schema([new Field("notes", DataType.String)]);
        var text = new string('é', XlsxWriter.MaxCellTextLength);

        var (_, rows, _) = await ReadAllAsync(await WriteXlsxAsync(schema, [Batch(schema, [text])]));

        rows.Single()[0].Should().Be(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("what?")]
    [InlineData("[x]")]
    [InlineData("'quoted'")]
    [InlineData("History")]
    [InlineData("a name that is longer than thirty-one characters")]
    public void Sheet_names_excel_refuses_are_rejected(string sheetName)
    {
        var act = () => new XlsxWriter(new MemoryStream(), new Schema([new Field("a", DataType.Int64)]), new WriteOptions { SheetName = sheetName });

        act.Should().Throw<DataFormatException>().WithMessage("*sheet name*");
    }

    [Fact]
    public async Task Header_is_bold_and_frozen_and_cells_are_typed()
    {
        var schema = new Schema(
        [
            new Field("n", DataType.Int64), new Field("x", DataType.Double), new Field("b", DataType.Boolean),
            new Field("s", DataType.String), new Field("d", DataType.Date), new Field("t", DataType.Timestamp),
        ]);
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, [5L, 2.5, true, "hi", new DateOnly(2024, 1, 1), new DateTime(2024, 1, 1, 12, 0, 0)], [null, null, null, null, null, null])],
            new WriteOptions { SheetName = "Report" });

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var styles = XDocument.Load(zip.GetEntry("xl/styles.xml")!.Open());
        var rows = sheet.Descendants(Main + "row").ToList();

        sheet.Descendants(Main + "pane").Single().Attribute("state")!.Value.Should().Be("frozen");
        var headerStyle = int.Parse(rows[0].Elements(Main + "c").First().Attribute("s")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var headerFont = int.Parse(styles.Descendants(Main + "cellXfs").Single().Elements().ElementAt(headerStyle).Attribute("fontId")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        styles.Descendants(Main + "fonts").Single().Elements().ElementAt(headerFont).Element(Main + "b").Should().NotBeNull();
        var cells = rows[1].Elements(Main + "c").ToList();
        cells.Select(c => (string?)c.Attribute("t")).Should().Equal(null, null, "b", "inlineStr", null, null);
        cells.Select(c => (string?)c.Attribute("r")).Should().Equal("A2", "B2", "C2", "D2", "E2", "F2");
        cells[4].Value.Should().Be("45292");
        cells[5].Value.Should().Be("45292.5");
        rows[2].Elements(Main + "c").Should().BeEmpty("nulls are empty cells");
        sheet.Descendants(Main + "sheetData").Single().Should().NotBeNull();
        zip.GetEntry("xl/sharedStrings.xml").Should().BeNull();
        sheet.Descendants(Main + "col").Should().HaveCount(6);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    [InlineData(16383, "XFD")]
    public void Column_letters_follow_excel(int index, string letters)
        => XlsxWriter.ColumnLetters(index).Should().Be(letters);

    [Fact]
    public async Task Underscore_escapes_and_control_characters_survive()
    {
        var schema = new Schema([new Field("s", DataType.String)]);
        string[] values = ["_x0041_", "_x005F_", "a_b", "_x12_", "\r", "x\u0000y", "\uFFFF", "_X00e9_"];

        var (_, rows, _) = await ReadAllAsync(await WriteXlsxAsync(schema, [Batch(schema, [.. values.Select(v => new object?[] { v })])]));

        rows.Select(r => r[0]).Should().Equal(values);
    }

    [Fact]
    public async Task Disposing_without_completing_leaves_no_complete_workbook()
    {
        var schema = new Schema([new Field("a", DataType.Int64)]);
        var path = Path.Combine(Path.GetTempPath(), $"abandoned-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var file = new AtomicFile(path))
            {
                await using var writer = new XlsxWriter(file.Stream, schema);
                using var batch = Batch(schema, [1L]);
                await writer.WriteBatchAsync(batch);
            }

            File.Exists(path).Should().BeFalse();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Libre_office_opens_the_workbook_when_it_is_installed()
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists);
        if (soffice is null)
            return; // LibreOffice is optional on developer machines; the schema validation test still runs.
        var schema = new Schema([new Field("name", DataType.String), new Field("n", DataType.Int64), new Field("d", DataType.Date)]);
        var dir = Directory.CreateTempSubdirectory("xlsx-lo-");
        try
        {
            var xlsx = Path.Combine(dir.FullName, "book.xlsx");
            await File.WriteAllBytesAsync(xlsx, await WriteXlsxAsync(schema, [Batch(schema, ["ünïcode", 42L, new DateOnly(2024, 2, 29)])]));
            var psi = new System.Diagnostics.ProcessStartInfo(soffice, ["--headless", $"-env:UserInstallation=file://{dir.FullName}/profile", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir.FullName, xlsx])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = System.Diagnostics.Process.Start(psi)!;
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            var csv = await File.ReadAllTextAsync(Path.Combine(dir.FullName, "book.csv"));
            csv.Should().Contain("name,n,d").And.Contain("ünïcode,42,2024-02-29");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static RecordBatch Repeat(Schema schema, int rows)
    {
        var b = new BooleanColumnBuilder(rows);
        for (var i = 0; i < rows; i++)
            b.Append(i % 2 == 0);
        return new RecordBatch(schema, [b.Build()], rows);
    }
}
