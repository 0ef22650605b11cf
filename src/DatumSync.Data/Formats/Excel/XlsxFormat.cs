namespace DatumSync.Data.Formats.Excel;

/// <summary>Excel 2007+ workbooks (<c>.xlsx</c>): read with <see cref="ExcelReader"/>, written with <see cref="XlsxWriter"/>.</summary>
public sealed class XlsxFormat : IFileFormat
{
    /// <inheritdoc />
    public string Name => "xlsx";

    /// <inheritdoc />
    /// <remarks>Not <c>xlsm</c>: Excel refuses a macro-enabled name on a workbook without the macro content type.
    /// Such files are still read, recognised by content.</remarks>
    public IReadOnlyList<string> Extensions { get; } = ["xlsx"];

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public int Sniff(ReadOnlySpan<byte> head) => ExcelSniffer.SniffXlsx(head);

    /// <inheritdoc />
    public async ValueTask<IBatchReader> OpenReaderAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default)
        => await ExcelReader.OpenAsync(source, options, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public IBatchWriter CreateWriter(Stream output, Schema schema, WriteOptions options)
        => new XlsxWriter(output, schema, options);
}
