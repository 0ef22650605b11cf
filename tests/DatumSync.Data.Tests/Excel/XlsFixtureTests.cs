using DatumSync.Data.Formats;
using static DatumSync.Data.Tests.Excel.ExcelTestData;

namespace DatumSync.Data.Tests.Excel;

/// <summary>The .xls golden file made by LibreOffice from <c>Data/excel/types.fods</c> (see the README there).</summary>
public class XlsFixtureTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Data", "excel", "types.xls");

    [Fact]
    public async Task The_xls_golden_file_reads_with_inferred_types()
    {
        var (schema, rows, _) = await ReadAllAsync(await File.ReadAllBytesAsync(Fixture), name: "types.xls");

        schema.Select(f => f.ToString()).Should().Equal(
            "id: int64", "name: string", "score: double",
            "active: int64", // LibreOffice stores booleans in .xls as numbers with a TRUE/FALSE format
            "born: date", "updated: timestamp", "note: string", "ratio: int64");
        rows.Should().BeEquivalentTo(new object?[][]
        {
            [1L, "Zoë Ångström", 93.5, 1L, new DateOnly(1990, 5, 17), new DateTime(2024, 2, 29, 13, 45, 30), "first", 10L],
            [2L, "李小龍", -0.25, 0L, new DateOnly(1950, 6, 30), new DateTime(2000, 1, 1, 12, 0, 0), null, null], // =1/0 is null
            [3L, "O'Brien & \"Sons\" <ok>", 1e10, 1L, new DateOnly(2099, 12, 31), new DateTime(1999, 12, 31, 23, 59, 59), "third", 30L],
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task The_second_sheet_of_the_xls_is_chosen_by_name()
    {
        var (schema, rows, _) = await ReadAllAsync(await File.ReadAllBytesAsync(Fixture), new ReadOptions { Sheet = "ünïcode SHEET" }, "types.xls");

        schema.Select(f => f.Name).Should().Equal("x", "n");
        rows.Should().BeEquivalentTo(new object?[][] { ["κόσμε", 1L], ["Привет", 2L] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_password_protected_workbook_fails_with_a_message_saying_so()
    {
        var protectedFile = Path.Combine(AppContext.BaseDirectory, "Data", "excel", "protected.xls");

        var bytes = await File.ReadAllBytesAsync(protectedFile);

        var act = () => ReadAllAsync(bytes, name: "protected.xls");

        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("protected.xls").And.Contain("password-protected");
    }

    [Fact]
    public async Task The_xls_is_recognised_by_content_and_sniffed_as_xls()
    {
        var source = DataSource.FromFile(Fixture, "renamed.bin");

        var format = await TableReader.DetectFormatAsync(source, null);

        format.Name.Should().Be("xls");
        format.CanWrite.Should().BeFalse();
    }

    [Fact]
    public async Task The_xls_reports_progress_up_to_its_size()
    {
        await using var reader = await TableReader.OpenAsync(DataSource.FromFile(Fixture), new ReadOptions { BatchRows = 1 });
        var progress = new List<long>();
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            batch.Dispose();
            progress.Add(reader.BytesRead);
        }

        reader.TotalBytes.Should().Be(new FileInfo(Fixture).Length);
        progress.Should().HaveCount(3).And.BeInAscendingOrder();
        progress[0].Should().BeGreaterThan(0);
        reader.BytesRead.Should().Be(reader.TotalBytes);
    }
}
