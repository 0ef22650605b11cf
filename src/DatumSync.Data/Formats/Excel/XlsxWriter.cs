using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DatumSync.Data.Formats.Excel;

/// <summary>
/// Writes batches as one worksheet of an Excel <c>.xlsx</c> workbook, streaming: rows go straight through the
/// Open XML SDK's SAX-style <see cref="OpenXmlWriter"/> into a deflate stream, so memory stays flat however many rows.
/// </summary>
/// <remarks>
/// <para>The header row is bold and frozen. Numbers are number cells, booleans boolean cells, text is written as inline
/// strings (no shared-string table to hold in memory), dates and timestamps are serial dates with a
/// <c>yyyy-mm-dd</c> / <c>yyyy-mm-dd hh:mm:ss[.000]</c> format so Excel shows them as dates; nulls are empty cells.</para>
/// <para>Excel holds every number as a double. Int64 values beyond ±2^53 and decimals with more than 15–17
/// significant digits are written with all their digits, but Excel (and our reader) see the nearest double. Decimal
/// columns therefore read back as double (int64 when all whole). Timestamps keep about a microsecond in the file; they
/// read back to the millisecond. Timestamps with offset are written as their UTC wall-clock time. Dates before
/// 1900-01-01, which Excel cannot show, are written as ISO text; NaN and infinities, which Excel cannot hold,
/// are written as <c>#NUM!</c> error cells (they read back as null).</para>
/// <para>The package is assembled with <see cref="ZipArchive"/> in create mode rather than
/// <c>SpreadsheetDocument</c>: the SDK opens its package read-write, and System.IO.Packaging then keeps every
/// part's uncompressed bytes in memory until the end (about 140 MB for 200,000 rows of three cells).</para>
/// </remarks>
public sealed partial class XlsxWriter : IBatchWriter
{
    /// <summary>Rows in an Excel worksheet, the header included.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Columns in an Excel worksheet.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Characters (UTF-16 code units) an Excel cell can hold.</summary>
    public const int MaxCellTextLength = 32_767;

    private const int WidthSampleRows = 500;

    private static readonly System.Buffers.SearchValues<char> SheetNameForbidden = System.Buffers.SearchValues.Create(@":\/?*[]");
    private static readonly OpenXmlAttribute PreserveSpace = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");

    private readonly Stream _output;
    private readonly string? _name;
    private readonly string _sheetName;
    private readonly string[] _columnLetters;
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private readonly StringBuilder _escaped = new();
    private readonly Row _row = new();
    private readonly Cell _cell = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly ZipArchive _zip;
    private Stream? _sheetStream;
    private OpenXmlWriter? _sheet;
    private long _rowsWritten;
    private bool _completed;
    private bool _disposed;

    /// <summary>Creates a writer over <paramref name="output"/>; the caller owns the stream.</summary>
    /// <param name="output">Where the workbook goes.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Write options (<see cref="WriteOptions.SheetName"/>).</param>
    /// <param name="name">The output's name, for messages.</param>
    /// <exception cref="DataFormatException">Too many columns or an invalid sheet name.</exception>
    public XlsxWriter(Stream output, Schema schema, WriteOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        _output = output;
        _name = name;
        Schema = schema;
        _sheetName = ValidateSheetName((options ?? new WriteOptions()).SheetName, name);
        if (schema.Count > MaxColumns)
            throw new DataFormatException(name, $"{schema.Count:N0} columns do not fit an Excel worksheet, which holds at most {MaxColumns:N0}; select fewer columns or write another format");
        _columnLetters = new string[schema.Count];
        for (var i = 0; i < schema.Count; i++)
            _columnLetters[i] = ColumnLetters(i);
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
    }

    /// <inheritdoc />
    public Schema Schema { get; }

    /// <inheritdoc />
    public ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
            throw new InvalidOperationException("The writer is complete.");
        if (!batch.Schema.Equals(Schema))
            throw new ArgumentException($"Batch schema ({batch.Schema}) differs from the writer's ({Schema}).", nameof(batch));
        if (_rowsWritten + batch.RowCount > MaxRows - 1)
        {
            throw new DataFormatException(_name,
                $"an Excel worksheet holds at most {MaxRows:N0} rows ({MaxRows - 1:N0} after the header), and the data has more; split the data or write another format");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var sheet = EnsureStarted(batch);
        for (var r = 0; r < batch.RowCount; r++)
        {
            if ((r & 4095) == 4095)
                cancellationToken.ThrowIfCancellationRequested();
            WriteRow(sheet, batch, r);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
            return ValueTask.CompletedTask;
        var sheet = EnsureStarted(null);
        sheet.WriteEndElement(); // sheetData
        sheet.WriteElement(new PageMargins { Left = 0.7D, Right = 0.7D, Top = 0.75D, Bottom = 0.75D, Header = 0.3D, Footer = 0.3D });
        sheet.WriteEndElement(); // worksheet
        sheet.Close();
        _sheet = null;
        _sheetStream!.Dispose();
        _sheetStream = null;
        _zip.Dispose(); // writes the central directory
        _output.Flush();
        _completed = true;
        return ValueTask.CompletedTask;
    }

    /// <summary>Releases the zip; without <see cref="CompleteAsync"/> the output is incomplete and should be discarded.</summary>
    public ValueTask DisposeAsync()
    {
        if (_disposed)
            return ValueTask.CompletedTask;
        _disposed = true;
        _sheet?.Dispose();
        _sheetStream?.Dispose();
        if (!_completed)
        {
            try
            {
                _zip.Dispose();
            }
            catch (IOException)
            {
                // Abandoning a broken output: nothing useful to report.
            }
        }
        return ValueTask.CompletedTask;
    }

    private OpenXmlWriter EnsureStarted(RecordBatch? first)
    {
        if (_sheet is { } started)
            return started;
        WritePackageParts();
        _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        var sheet = OpenXmlWriter.Create(_sheetStream);
        _sheet = sheet;
        sheet.WriteStartDocument(true);
        sheet.WriteStartElement(new Worksheet());
        sheet.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { TabSelected = true, WorkbookViewId = 0U }));
        sheet.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15D });
        if (Schema.Count > 0)
            sheet.WriteElement(ColumnWidths(first));
        sheet.WriteStartElement(new SheetData());
        WriteHeader(sheet);
        return sheet;
    }

    private void WriteHeader(OpenXmlWriter sheet)
    {
        StartRow(sheet, 1);
        for (var c = 0; c < Schema.Count; c++)
            WriteText(sheet, c, 1, Schema[c].Name, StyleHeader, row: null);
        sheet.WriteEndElement();
    }

    private void StartRow(OpenXmlWriter sheet, long excelRow)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", excelRow.ToString(CultureInfo.InvariantCulture)));
        sheet.WriteStartElement(_row, _attributes);
    }

    private void WriteRow(OpenXmlWriter sheet, RecordBatch batch, int r)
    {
        var excelRow = _rowsWritten + 2;
        StartRow(sheet, excelRow);
        for (var c = 0; c < batch.Columns.Count; c++)
        {
            var column = batch.Columns[c];
            if (column.IsNull(r))
                continue;
            switch (column)
            {
                case Int64Column ints:
                    WriteNumber(sheet, c, excelRow, ints[r].ToString(CultureInfo.InvariantCulture), StyleInteger);
                    break;
                case DoubleColumn doubles:
                    WriteDouble(sheet, c, excelRow, doubles[r], 0);
                    break;
                case DecimalColumn decimals:
                    WriteNumber(sheet, c, excelRow, decimals.GetText(r)!, 0);
                    break;
                case BooleanColumn bools:
                    WriteBoolean(sheet, c, excelRow, bools[r]);
                    break;
                case DateColumn dates:
                    if (ExcelSerialDate.TryFromEpochDays(dates[r], out var day))
                        WriteNumber(sheet, c, excelRow, day.ToString("R", CultureInfo.InvariantCulture), StyleDate);
                    else
                        WriteText(sheet, c, excelRow, dates.GetText(r)!, 0, _rowsWritten + 1);
                    break;
                case TimestampColumn timestamps:
                    var micros = timestamps[r];
                    if (ExcelSerialDate.TryFromEpochMicros(micros, out var serial))
                        WriteDouble(sheet, c, excelRow, serial, micros % 1_000_000 == 0 ? StyleTimestamp : StyleTimestampMillis);
                    else
                        WriteText(sheet, c, excelRow, timestamps.GetText(r)!, 0, _rowsWritten + 1);
                    break;
                case StringColumn strings:
                    WriteText(sheet, c, excelRow, strings.GetString(r)!, 0, _rowsWritten + 1);
                    break;
                default:
                    WriteText(sheet, c, excelRow, column.GetText(r)!, 0, _rowsWritten + 1);
                    break;
            }
        }
        sheet.WriteEndElement();
        _rowsWritten++;
    }

    private void StartCell(OpenXmlWriter sheet, int column, long excelRow, string? type, uint style)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", _columnLetters[column] + excelRow.ToString(CultureInfo.InvariantCulture)));
        if (style != 0)
            _attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
        if (type is not null)
            _attributes.Add(new OpenXmlAttribute("t", "", type));
        sheet.WriteStartElement(_cell, _attributes);
    }

    private void WriteValue(OpenXmlWriter sheet, string text)
    {
        sheet.WriteStartElement(_value);
        sheet.WriteString(text);
        sheet.WriteEndElement();
    }

    private void WriteNumber(OpenXmlWriter sheet, int column, long excelRow, string text, uint style)
    {
        StartCell(sheet, column, excelRow, null, style);
        WriteValue(sheet, text);
        sheet.WriteEndElement();
    }

    private void WriteDouble(OpenXmlWriter sheet, int column, long excelRow, double value, uint style)
    {
        if (double.IsFinite(value))
        {
            WriteNumber(sheet, column, excelRow, value.ToString("R", CultureInfo.InvariantCulture), style);
            return;
        }
        // Excel has no NaN or infinity; #NUM! is what its own formulas give for them.
        StartCell(sheet, column, excelRow, "e", 0);
        WriteValue(sheet, "#NUM!");
        sheet.WriteEndElement();
    }

    private void WriteBoolean(OpenXmlWriter sheet, int column, long excelRow, bool value)
    {
        StartCell(sheet, column, excelRow, "b", 0);
        WriteValue(sheet, value ? "1" : "0");
        sheet.WriteEndElement();
    }

    private void WriteText(OpenXmlWriter sheet, int column, long excelRow, string text, uint style, long? row)
    {
        if (text.Length > MaxCellTextLength)
        {
            throw new DataFormatException(_name,
                $"text of {text.Length:N0} characters does not fit an Excel cell, which holds at most {MaxCellTextLength:N0}",
                row, Schema[column].Name);
        }
        StartCell(sheet, column, excelRow, "inlineStr", style);
        sheet.WriteStartElement(_inline);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            sheet.WriteStartElement(_text, [PreserveSpace]);
        else
            sheet.WriteStartElement(_text);
        sheet.WriteString(Escape(text));
        sheet.WriteEndElement();
        sheet.WriteEndElement();
        sheet.WriteEndElement();
    }

    /// <summary>
    /// Escapes what XML cannot carry (control characters, and CR, which XML parsers turn into LF) as Excel's
    /// <c>_xHHHH_</c>, and an underscore that would read as such an escape as <c>_x005F_</c>.
    /// </summary>
    internal string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text, i))
            i++;
        if (i == text.Length)
            return text;
        var sb = _escaped.Clear().Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            if (NeedsEscape(text, i))
                sb.Append("_x").Append(((int)text[i]).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            else
                sb.Append(text[i]);
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(string text, int i)
    {
        var c = text[i];
        if (c == '_')
            return LooksLikeEscape(text, i);
        return (c < 0x20 && c != '\t' && c != '\n') || c is '\uFFFE' or '\uFFFF' || (char.IsSurrogate(c) && !IsPairedSurrogate(text, i));
    }

    private static bool IsPairedSurrogate(string text, int i) => char.IsHighSurrogate(text[i])
        ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
        : i > 0 && char.IsHighSurrogate(text[i - 1]);

    private static bool LooksLikeEscape(string text, int i)
    {
        if (i + 6 >= text.Length || (text[i + 1] != 'x' && text[i + 1] != 'X') || text[i + 6] != '_')
            return false;
        for (var k = i + 2; k < i + 6; k++)
        {
            if (!char.IsAsciiHexDigit(text[k]))
                return false;
        }
        return true;
    }

    private Columns ColumnWidths(RecordBatch? first)
    {
        var columns = new Columns();
        for (var c = 0; c < Schema.Count; c++)
        {
            var chars = Schema[c].Name.Length + 2; // room for the bold header
            var type = Schema[c].Type;
            if (type.Kind == TypeKind.Date)
                chars = Math.Max(chars, 11);
            else if (type.Kind == TypeKind.Timestamp)
                chars = Math.Max(chars, 23);
            else if (first is not null)
            {
                var column = first.Column(c);
                var rows = Math.Min(first.RowCount, WidthSampleRows);
                for (var r = 0; r < rows; r++)
                {
                    if (column.IsValid(r))
                        chars = Math.Max(chars, column.GetText(r)!.Length);
                }
            }
            var width = Math.Clamp(chars + 2, 8, 60);
            columns.Append(new DocumentFormat.OpenXml.Spreadsheet.Column
            {
                Min = (uint)c + 1,
                Max = (uint)c + 1,
                Width = width,
                CustomWidth = true,
            });
        }
        return columns;
    }

    /// <summary>A, B, ..., Z, AA, ... for a 0-based column index.</summary>
    internal static string ColumnLetters(int index)
    {
        Span<char> buffer = stackalloc char[4];
        var p = buffer.Length;
        var n = index + 1;
        while (n > 0)
        {
            var rem = (n - 1) % 26;
            buffer[--p] = (char)('A' + rem);
            n = (n - 1) / 26;
        }
        return new string(buffer[p..]);
    }

    private static string ValidateSheetName(string? sheetName, string? name)
    {
        if (string.IsNullOrWhiteSpace(sheetName))
            throw new DataFormatException(name, "the sheet name is empty");
        if (sheetName.Length > 31)
            throw new DataFormatException(name, $"sheet name '{sheetName}' is longer than Excel's 31 characters");
        if (sheetName.AsSpan().IndexOfAny(SheetNameForbidden) >= 0)
            throw new DataFormatException(name, $"sheet name '{sheetName}' contains one of : \\ / ? * [ ], which Excel does not allow");
        if (sheetName[0] == '\'' || sheetName[^1] == '\'')
            throw new DataFormatException(name, $"sheet name '{sheetName}' starts or ends with an apostrophe, which Excel does not allow");
        if (sheetName.Equals("History", StringComparison.OrdinalIgnoreCase))
            throw new DataFormatException(name, "'History' is a sheet name Excel reserves");
        return sheetName;
    }
}
