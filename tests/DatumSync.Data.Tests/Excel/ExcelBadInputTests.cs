using System.IO.Compression;
using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Excel;
using static DatumSync.Data.Tests.Excel.ExcelTestData;

namespace DatumSync.Data.Tests.Excel;

public class ExcelBadInputTests
{
    [Fact]
    public async Task A_text_file_named_xlsx_is_rejected_naming_what_was_expected()
    {
        var bytes = Encoding.UTF8.GetBytes("id,name\n1,a\n");

        var e = await OpenFails(bytes, "fake.xlsx");

        e.Message.Should().Contain("fake.xlsx").And.Contain("not an Excel workbook").And.Contain(".xlsx").And.Contain("id,name");
    }

    [Fact]
    public async Task An_empty_file_named_xlsx_is_rejected()
    {
        var e = await OpenFails([], "empty.xlsx");

        e.Message.Should().Contain("empty.xlsx").And.Contain("empty");
    }

    [Fact]
    public async Task A_zip_that_is_not_a_workbook_is_rejected_at_open()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            await w.WriteAsync("hello");
        }

        var e = await OpenFails(ms.ToArray(), "archive.xlsx");

        e.Message.Should().Contain("archive.xlsx").And.Contain("Excel .xlsx workbook");
    }

    [Fact]
    public async Task Every_truncation_of_a_workbook_fails_cleanly()
    {
        var schema = new Schema([new Field("id", DataType.Int64), new Field("text", DataType.String)]);
        var rows = Enumerable.Range(0, 3000).Select(i => new object?[] { (long)i, $"row {i} with some text to compress" }).ToArray();
        var bytes = await WriteXlsxAsync(schema, [Batch(schema, rows)]);

        foreach (var length in new[] { 3, 4, 30, 100, 500, bytes.Length / 3, bytes.Length / 2, bytes.Length - 200, bytes.Length - 22, bytes.Length - 1 })
        {
            var truncated = bytes.AsSpan(0, length).ToArray();
            var read = async () =>
            {
                var (_, read, _) = await ReadAllAsync(truncated, name: "cut.xlsx").WaitAsync(TimeSpan.FromSeconds(30));
                return read;
            };
            var e = (await read.Should().ThrowAsync<DataFormatException>($"length {length} of {bytes.Length}")).Which;
            e.Message.Should().Contain("cut.xlsx");
        }
    }

    [Fact]
    public async Task A_corrupted_sheet_inside_a_valid_zip_fails_cleanly()
    {
        var bytes = Workbook(("Data", [["a"], [1]]));
        using var ms = new MemoryStream();
        ms.Write(bytes);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal));
            var path = entry.FullName;
            entry.Delete();
            await using var w = new StreamWriter(zip.CreateEntry(path).Open());
            await w.WriteAsync("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>1</v>");
        }

        var e = await OpenFails(ms.ToArray(), "broken.xlsx");

        e.Message.Should().Contain("broken.xlsx").And.Contain("Excel .xlsx workbook");
    }

    [Fact]
    public async Task An_ole2_file_that_is_not_a_workbook_is_rejected()
    {
        var bytes = new byte[1024];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);

        var e = await OpenFails(bytes, "odd.xls");

        e.Message.Should().Contain("odd.xls").And.Contain("Excel .xls workbook");
    }

    [Fact]
    public void Sniffing_recognises_zip_and_ole2_magic()
    {
        var xlsx = new XlsxFormat();
        var xls = new XlsFormat();

        xlsx.Sniff("PK\x03\x04\x14\0\0\0"u8).Should().Be(90);
        xlsx.Sniff("PK\x03\x04 ... [Content_Types].xml ... xl/workbook.xml"u8).Should().Be(100);
        xlsx.Sniff("id,name\n"u8).Should().Be(0);
        xls.Sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).Should().Be(100);
        xls.Sniff("PK\x03\x04"u8).Should().Be(0);
    }

    [Fact]
    public async Task Content_sniffing_picks_xlsx_even_under_another_extension()
    {
        var bytes = Workbook(("Data", [["a"], [1]]));

        var format = await TableReader.DetectFormatAsync(DataSource.FromBytes(bytes, "export.dat"), null);

        format.Name.Should().Be("xlsx");
    }

    private static async Task<DataFormatException> OpenFails(byte[] bytes, string name)
    {
        var act = () => ReadAllAsync(bytes, new ReadOptions { Format = Path.GetExtension(name).TrimStart('.') }, name);
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Should().NotBeOfType<SchemaWidenedException>();
        return e;
    }
}
