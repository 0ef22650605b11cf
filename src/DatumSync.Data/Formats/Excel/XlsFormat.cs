namespace DatumSync.Data.Formats.Excel;

/// <summary>Excel 97–2003 workbooks (<c>.xls</c>, BIFF8): read only, with <see cref="ExcelReader"/>.</summary>
public sealed class XlsFormat : IFileFormat
{
    /// <inheritdoc />
    public string Name => "xls";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["xls"];

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => false;

    /// <inheritdoc />
    public int Sniff(ReadOnlySpan<byte> head) => ExcelSniffer.SniffXls(head);

    /// <inheritdoc />
    public async ValueTask<IBatchReader> OpenReaderAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default)
        => await ExcelReader.OpenAsync(source, options, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: .xls is read only; write .xlsx.</exception>
    public IBatchWriter CreateWriter(Stream output, Schema schema, WriteOptions options)
        => throw new NotSupportedException("Writing .xls is not supported; write .xlsx instead.");
}
