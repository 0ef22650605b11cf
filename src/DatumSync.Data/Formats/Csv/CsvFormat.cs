namespace DatumSync.Data.Formats.Csv;

/// <summary>Comma- (or otherwise) separated values: the fallback format for any text that is not something else.</summary>
public class CsvFormat : IFileFormat
{
    /// <inheritdoc />
    public virtual string Name => "csv";

    /// <inheritdoc />
    public virtual IReadOnlyList<string> Extensions { get; } = ["csv", "txt", "dat"];

    /// <summary>The delimiter the writer uses unless options say otherwise.</summary>
    protected virtual char WriteDelimiter => ',';

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public virtual int Sniff(ReadOnlySpan<byte> head) => head.IsEmpty || head.Contains((byte)0) && !LooksLikeUtf16(head) ? 0 : 10;

    /// <inheritdoc />
    public async ValueTask<IBatchReader> OpenReaderAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default)
        => await CsvReader.OpenAsync(source, options, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public IBatchWriter CreateWriter(Stream output, Schema schema, WriteOptions options)
        => new CsvWriter(output, schema, options.Delimiter == ',' && WriteDelimiter != ',' ? options with { Delimiter = WriteDelimiter } : options);

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head) => head.Length >= 2 && (head[0] == 0 || head[1] == 0 || head[0] == 0xFF || head[0] == 0xFE);
}

/// <summary>Tab-separated values: the CSV reader (the tab is sniffed) and a writer that separates with tabs.</summary>
public sealed class TsvFormat : CsvFormat
{
    /// <inheritdoc />
    public override string Name => "tsv";

    /// <inheritdoc />
    public override IReadOnlyList<string> Extensions { get; } = ["tsv", "tab"];

    /// <inheritdoc />
    protected override char WriteDelimiter => '\t';

    /// <inheritdoc />
    public override int Sniff(ReadOnlySpan<byte> head) => 0;
}
