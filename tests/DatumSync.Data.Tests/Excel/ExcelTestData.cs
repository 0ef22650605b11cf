using System.Globalization;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DatumSync.Data.Tests.Excel;

/// <summary>An error cell such as <c>#N/A</c> for <see cref="ExcelTestData.Workbook"/>.</summary>
internal sealed record ErrorCell(string Code);

/// <summary>A cell with a style but no value (Excel writes these for formatted, empty cells).</summary>
internal sealed record StyledEmptyCell;

/// <summary>Builds workbooks and reads them back for the Excel tests.</summary>
internal static class ExcelTestData
{
    /// <summary>Writes <paramref name="batches"/> with <see cref="XlsxWriter"/> and returns the file's bytes.</summary>
    public static async Task<byte[]> WriteXlsxAsync(Schema schema, IEnumerable<RecordBatch> batches, WriteOptions? options = null)
    {
        using var ms = new MemoryStream();
        await using (var writer = new XlsxWriter(ms, schema, options))
        {
            foreach (var batch in batches)
            {
                using (batch)
                    await writer.WriteBatchAsync(batch);
            }
            await writer.CompleteAsync();
        }
        return ms.ToArray();
    }

    /// <summary>Reads every batch of an xlsx into boxed rows.</summary>
    public static async Task<(Schema Schema, List<object?[]> Rows, int Batches)> ReadAllAsync(byte[] bytes, ReadOptions? options = null, string name = "test.xlsx")
    {
        await using var reader = await TableReader.OpenAsync(DataSource.FromBytes(bytes, name), options);
        var rows = new List<object?[]>();
        var batches = 0;
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                batches++;
                for (var r = 0; r < batch.RowCount; r++)
                    rows.Add([.. batch.Columns.Select(c => c.GetValue(r))]);
            }
        }
        return (reader.Schema, rows, batches);
    }

    /// <summary>
    /// A workbook built cell by cell with the Open XML SDK's DOM (small test inputs only), so tests can shape sheets our
    /// writer never makes: blank header cells, gaps, error cells, styled empty cells, mixed kinds.
    /// Values: null, string, double, int, long, bool, <see cref="DateTime"/> (date-time format),
    /// <see cref="DateOnly"/> (date format), <see cref="ErrorCell"/>, <see cref="StyledEmptyCell"/>.
    /// </summary>
    public static byte[] Workbook(params (string Name, object?[][] Rows)[] sheets)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164U, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 1U },
                new Fonts(new Font()) { Count = 1U },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2U },
                new Borders(new Border()) { Count = 1U },
                new CellStyleFormats(new CellFormat()) { Count = 1U },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { NumberFormatId = 14U, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164U, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 4U, ApplyNumberFormat = true })
                { Count = 4U });
            var sheetsElement = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    if (rows[r] is null)
                        continue;
                    var row = new Row { RowIndex = (uint)r + 1 };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        if (Cell(rows[r][c], XlsxWriter.ColumnLetters(c) + (r + 1).ToString(CultureInfo.InvariantCulture)) is { } cell)
                            row.Append(cell);
                    }
                    data.Append(row);
                }
                part.Worksheet = new Worksheet(data);
                sheetsElement.Append(new Sheet { Name = name, SheetId = id++, Id = wb.GetIdOfPart(part) });
            }
        }
        return ms.ToArray();
    }

    private static Cell? Cell(object? value, string reference)
    {
        var cell = new Cell { CellReference = reference };
        switch (value)
        {
            case null:
                return null;
            case StyledEmptyCell:
                cell.StyleIndex = 3U;
                break;
            case string s:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(s) { Space = SpaceProcessingModeValues.Preserve });
                break;
            case bool b:
                cell.DataType = CellValues.Boolean;
                cell.CellValue = new CellValue(b ? "1" : "0");
                break;
            case ErrorCell e:
                cell.DataType = CellValues.Error;
                cell.CellValue = new CellValue(e.Code);
                break;
            case DateTime dt:
                cell.StyleIndex = 2U;
                cell.CellValue = new CellValue(dt.ToOADate().ToString("R", CultureInfo.InvariantCulture));
                break;
            case DateOnly d:
                cell.StyleIndex = 1U;
                cell.CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                cell.CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
        }
        return cell;
    }

    /// <summary>A batch from boxed column values (null = null); types from the schema.</summary>
    public static RecordBatch Batch(Schema schema, params object?[][] rows)
    {
        var builders = schema.Select(f => ColumnBuilder.Create(f.Type)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < builders.Length; c++)
                Append(builders[c], row[c]);
        }
        return new RecordBatch(schema, [.. builders.Select(b => b.Build())], rows.Length);
    }

    public static void Append(ColumnBuilder builder, object? value)
    {
        switch (builder, value)
        {
            case (_, null):
                builder.AppendNull();
                break;
            case (BooleanColumnBuilder b, bool v):
                b.Append(v);
                break;
            case (Int64ColumnBuilder b, long v):
                b.Append(v);
                break;
            case (DoubleColumnBuilder b, double v):
                b.Append(v);
                break;
            case (DecimalColumnBuilder b, string v):
                b.Append(DecimalValue.TryParse(v, b.Type.Scale, out var d) ? d.Unscaled : throw new ArgumentException(v));
                break;
            case (StringColumnBuilder b, string v):
                b.Append(v);
                break;
            case (DateColumnBuilder b, DateOnly v):
                b.Append(ValueFormatter.ToEpochDays(v));
                break;
            case (TimestampColumnBuilder b, DateTime v):
                b.Append(ValueFormatter.ToEpochMicros(v));
                break;
            default:
                throw new ArgumentException($"Cannot append {value} to {builder.Type}.");
        }
    }
}
