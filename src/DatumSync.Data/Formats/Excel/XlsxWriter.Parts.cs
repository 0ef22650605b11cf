using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DatumSync.Data.Formats.Excel;

/// <summary>The small fixed parts of the package: content types, relationships, workbook and styles.</summary>
public sealed partial class XlsxWriter
{
    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    // Cell style indexes into the cellXfs written by WriteStyles.
    private const uint StyleHeader = 1;
    private const uint StyleDate = 2;
    private const uint StyleTimestamp = 3;
    private const uint StyleTimestampMillis = 4;
    private const uint StyleInteger = 5;

    private void WritePackageParts()
    {
        WriteXmlEntry("[Content_Types].xml", x =>
        {
            x.WriteStartElement("Types", ContentTypesNamespace);
            WriteDefault(x, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            WriteDefault(x, "xml", "application/xml");
            WriteOverride(x, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            WriteOverride(x, "/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            WriteOverride(x, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            x.WriteEndElement();
        });
        WriteXmlEntry("_rels/.rels", x =>
        {
            x.WriteStartElement("Relationships", RelationshipsNamespace);
            WriteRelationship(x, "rId1", "officeDocument", "xl/workbook.xml");
            x.WriteEndElement();
        });
        WriteXmlEntry("xl/_rels/workbook.xml.rels", x =>
        {
            x.WriteStartElement("Relationships", RelationshipsNamespace);
            WriteRelationship(x, "rId1", "worksheet", "worksheets/sheet1.xml");
            WriteRelationship(x, "rId2", "styles", "styles.xml");
            x.WriteEndElement();
        });

        var workbook = new Workbook(
            new BookViews(new WorkbookView()),
            new Sheets(new Sheet { Name = _sheetName, SheetId = 1U, Id = "rId1" }));
        WriteElementEntry("xl/workbook.xml", workbook);
        WriteElementEntry("xl/styles.xml", CreateStylesheet());
    }

    private static Stylesheet CreateStylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164U, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165U, FormatCode = "yyyy-mm-dd hh:mm:ss" },
            new NumberingFormat { NumberFormatId = 166U, FormatCode = "yyyy-mm-dd hh:mm:ss.000" })
        { Count = 3U },
        new Fonts(
            new Font(new FontSize { Val = 11D }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11D }, new FontName { Val = "Calibri" }))
        { Count = 2U },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
            new CellFormat { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 1U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true })
        { Count = 6U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });

    private void WriteXmlEntry(string path, Action<XmlWriter> write)
    {
        var entry = _zip.CreateEntry(path, CompressionLevel.Optimal);
        using var stream = entry.Open();
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        write(xml);
        xml.WriteEndDocument();
    }

    private void WriteElementEntry(string path, OpenXmlElement root)
    {
        var entry = _zip.CreateEntry(path, CompressionLevel.Optimal);
        using var stream = entry.Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    private static void WriteDefault(XmlWriter x, string extension, string contentType)
    {
        x.WriteStartElement("Default", ContentTypesNamespace);
        x.WriteAttributeString("Extension", extension);
        x.WriteAttributeString("ContentType", contentType);
        x.WriteEndElement();
    }

    private static void WriteOverride(XmlWriter x, string partName, string contentType)
    {
        x.WriteStartElement("Override", ContentTypesNamespace);
        x.WriteAttributeString("PartName", partName);
        x.WriteAttributeString("ContentType", contentType);
        x.WriteEndElement();
    }

    private static void WriteRelationship(XmlWriter x, string id, string type, string target)
    {
        x.WriteStartElement("Relationship", RelationshipsNamespace);
        x.WriteAttributeString("Id", id);
        x.WriteAttributeString("Type", OfficeRelationshipType + type);
        x.WriteAttributeString("Target", target);
        x.WriteEndElement();
    }
}
