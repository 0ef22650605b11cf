using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace DatumSync.Data.Formats.Excel;

/// <summary>
/// Reads one worksheet of an Excel workbook (<c>.xlsx</c> or <c>.xls</c>) as batches, row by row through
/// ExcelDataReader's streaming <see cref="IExcelDataReader"/>.
/// </summary>
/// <remarks>
/// <para>The first non-empty row is the header: blank names become <c>column{N}</c> (N the 1-based column) and
/// repeats get <c>_2</c>, <c>_3</c>. Empty rows anywhere are skipped; trailing columns with no header and no value in
/// the inference sample are dropped.</para>
/// <para>Types come from the cell values of the first <see cref="ReadOptions.InferenceRows"/> data rows, which are
/// buffered and replayed: booleans give boolean; numbers give int64 when all whole and within range, else double;
/// dates give date when all at midnight, else timestamp; text gives string; a mix of kinds gives string (numbers
/// written invariantly, dates as ISO 8601). Error cells (<c>#N/A</c>, <c>#DIV/0!</c>) and text equal to a null
/// token are null. A later cell that does not fit the column's type raises <see cref="SchemaWidenedException"/> with
/// the type it needs (<see cref="TableReader.CopyAsync"/> restarts with it), so no value is silently lost; text that
/// is the canonical form of a typed value (<c>2024-01-31</c> in a date column) fits.</para>
/// <para>ExcelDataReader turns serial dates into <see cref="DateTime"/> rounded to the millisecond.</para>
/// </remarks>
public sealed partial class ExcelReader : IBatchReader, IReaderDiagnostics
{
    private static readonly bool EncodingsRegistered = RegisterEncodings();

    private readonly DataSource _source;
    private readonly IExcelDataReader _excel;
    private readonly Stream _stream;
    private readonly ReadOptions _options;
    private readonly HashSet<string> _nullTokens;
    private readonly string _expected;
    private readonly int _fieldCount;
    private readonly long _sheetRows;
    private readonly Queue<object?[]> _sample;
    private object?[] _row;
    private long _line;
    private long _dataRows;
    private bool _sheetEnded;
    private bool _disposed;

    private ExcelReader(DataSource source, Stream stream, IExcelDataReader excel, ReadOptions options, string expected)
    {
        _source = source;
        _stream = stream;
        _excel = excel;
        _options = options;
        _expected = expected;
        _nullTokens = new HashSet<string>(options.NullTokens ?? ReadOptions.DefaultNullTokens, StringComparer.Ordinal);
        _fieldCount = excel.FieldCount;
        _sheetRows = excel.RowCount;
        _row = new object?[_fieldCount];
        _sample = new Queue<object?[]>();
        TotalBytes = source.Length;
        Schema = null!;
    }

    /// <inheritdoc />
    public Schema Schema { get; private set; }

    /// <summary>The name of the worksheet being read.</summary>
    public string SheetName { get; private set; } = "";

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> Properties => [new("sheet", SheetName)];

    /// <inheritdoc />
    public IReadOnlyList<Inference.InferredColumn>? InferredColumns => null;

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => [];

    /// <inheritdoc />
    public long BytesRead
    {
        get
        {
            if (TotalBytes is not { } total)
                return 0;
            if (_sheetEnded || _sheetRows <= 0)
                return _sheetEnded ? total : 0;
            return (long)(total * Math.Min(1d, (double)_line / _sheetRows));
        }
    }

    /// <inheritdoc />
    public long? TotalBytes { get; }

    /// <summary>Opens <paramref name="source"/> and reads the header and the inference sample.</summary>
    /// <exception cref="DataFormatException">Not a readable workbook, or no such sheet.</exception>
    public static async ValueTask<ExcelReader> OpenAsync(DataSource source, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ReadOptions();
        _ = EncodingsRegistered;
        var stream = await OpenSeekableAsync(source, cancellationToken).ConfigureAwait(false);
        ExcelReader? reader = null;
        try
        {
            var expected = Expectation(source, stream);
            var excel = Guard(source, expected, null, () => ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = true }));
            try
            {
                var sheetName = SelectSheet(source, expected, excel, options.Sheet);
                reader = new ExcelReader(source, stream, excel, options, expected) { SheetName = sheetName };
            }
            catch
            {
                excel.Dispose();
                throw;
            }
            reader.ReadHeaderAndSample(cancellationToken);
            return reader;
        }
        catch
        {
            if (reader is not null)
                await reader.DisposeAsync().ConfigureAwait(false);
            else
                await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<RecordBatch?> ReadNextBatchAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var capacity = Math.Max(1, _options.BatchRows);
        var builders = new ColumnBuilder[Schema.Count];
        for (var c = 0; c < builders.Length; c++)
            builders[c] = ColumnBuilder.Create(Schema[c].Type, capacity);
        var rows = 0;
        while (rows < capacity && NextDataRow(out var values))
        {
            if ((rows & 1023) == 1023)
                cancellationToken.ThrowIfCancellationRequested();
            _dataRows++;
            AppendRow(builders, values);
            rows++;
        }
        if (rows == 0)
            return ValueTask.FromResult<RecordBatch?>(null);
        var columns = new Column[builders.Length];
        for (var c = 0; c < builders.Length; c++)
            columns[c] = builders[c].Build();
        return ValueTask.FromResult<RecordBatch?>(new RecordBatch(Schema, columns, rows));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_disposed)
            return ValueTask.CompletedTask;
        _disposed = true;
        _excel.Dispose();
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next non-empty row: replayed from the sample, then read from the sheet.</summary>
    private bool NextDataRow(out object?[] values)
    {
        if (_sample.TryDequeue(out values!))
            return true;
        while (ReadSheetRow(_row))
        {
            if (!IsBlankRow(_row))
            {
                values = _row;
                return true;
            }
        }
        values = [];
        return false;
    }

    /// <summary>Reads the next physical row into <paramref name="into"/>; false at the end of the sheet.</summary>
    private bool ReadSheetRow(object?[] into)
    {
        if (_sheetEnded)
            return false;
        // try/catch inline rather than Guard: this runs once per row, and a closure would allocate each time.
        try
        {
            if (!_excel.Read())
            {
                _sheetEnded = true;
                return false;
            }
            for (var i = 0; i < into.Length; i++)
                into[i] = _excel.GetValue(i);
        }
        catch (Exception e) when (IsLibraryFailure(e))
        {
            throw Wrap(_source, _expected, _line + 1, e);
        }
        _line++;
        return true;
    }

    private static bool IsBlankRow(object?[] row)
    {
        foreach (var v in row)
        {
            if (!ExcelCell.IsBlank(v))
                return false;
        }
        return true;
    }

    private static string SelectSheet(DataSource source, string expected, IExcelDataReader excel, string? wanted)
    {
        if (wanted is null)
            return excel.Name ?? "";
        var names = new List<string>();
        int? byIndex = int.TryParse(wanted.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        Guard(source, expected, null, () =>
        {
            do
            {
                var name = excel.Name ?? "";
                names.Add(name);
                // Excel sheet names are unique ignoring case, so the first name match is the only one.
                if (string.Equals(name.Trim(), wanted.Trim(), StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            while (excel.NextResult());
            return true;
        });
        if (string.Equals(names[^1].Trim(), wanted.Trim(), StringComparison.OrdinalIgnoreCase))
            return names[^1];
        if (byIndex is >= 1 && byIndex <= names.Count)
        {
            Guard(source, expected, null, () =>
            {
                excel.Reset();
                for (var i = 1; i < byIndex; i++)
                    excel.NextResult();
                return true;
            });
            return names[byIndex.Value - 1];
        }
        var list = string.Join(", ", names.Select((s, i) => $"{i + 1}: '{s}'"));
        throw new DataFormatException(source.Name, $"no sheet '{wanted}'; expected a sheet name or a 1-based index among {list}");
    }

    private static async ValueTask<Stream> OpenSeekableAsync(DataSource source, CancellationToken cancellationToken)
    {
        var stream = source.Open();
        if (stream.CanSeek)
            return stream;
        // A workbook is a zip (or OLE2 file) read by random access: spool a one-shot stream to a temporary file.
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), $"datumsync-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (stream.ConfigureAwait(false))
                await stream.CopyToAsync(temp, cancellationToken).ConfigureAwait(false);
            temp.Position = 0;
            return temp;
        }
        catch
        {
            await temp.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What the file should be, from its first bytes; fails fast for anything that is neither.</summary>
    private static string Expectation(DataSource source, Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        int n;
        try
        {
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            stream.Position = 0;
        }
        catch (IOException e)
        {
            throw new DataFormatException(source.Name, $"cannot read: {e.Message}", inner: e);
        }
        head = head[..n];
        if (ExcelSniffer.IsZip(head))
            return "an Excel .xlsx workbook";
        if (ExcelSniffer.IsOle2(head))
            return "an Excel .xls workbook";
        if (n == 0)
            throw new DataFormatException(source.Name, "the file is empty; expected an Excel workbook (.xlsx or .xls)");
        throw new DataFormatException(source.Name,
            $"not an Excel workbook: expected an .xlsx file (a zip package starting with 'PK') or an .xls file (OLE2), but it starts with {Describe(head)}");
    }

    private static string Describe(ReadOnlySpan<byte> head)
    {
        var sb = new StringBuilder();
        foreach (var b in head)
            sb.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        sb.Append(" (").Append(Convert.ToHexString(head)).Append(')');
        return sb.ToString();
    }

    /// <summary>Runs a call into ExcelDataReader, turning whatever a damaged file makes it throw into a
    /// <see cref="DataFormatException"/> that names the file and what was expected.</summary>
    private static T Guard<T>(DataSource source, string expected, long? line, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (IsLibraryFailure(e))
        {
            throw Wrap(source, expected, line, e);
        }
    }

    private static bool IsLibraryFailure(Exception e) => e is not DataFormatException and not OperationCanceledException and not OutOfMemoryException;

    private static DataFormatException Wrap(DataSource source, string expected, long? line, Exception e) => e switch
    {
        InvalidPasswordException => new DataFormatException(source.Name,
            "the workbook is password-protected (encrypted); open it in Excel, remove the password and save it again", inner: e),
        _ => new DataFormatException(source.Name,
            $"cannot be read as {expected}; the file is damaged, truncated or not a workbook ({e.GetType().Name}: {e.Message})",
            line: line, inner: e),
    };

    private static bool RegisterEncodings()
    {
        // Old .xls files store text in Windows code pages, which .NET only knows once this provider is registered
        // (the provider ships in-box; registering it twice is a no-op).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }
}
