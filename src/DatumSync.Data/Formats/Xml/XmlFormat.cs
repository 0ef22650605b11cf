namespace DatumSync.Data.Formats.Xml;

/// <summary>
/// XML documents whose repeated elements are records (<c>&lt;orders&gt;&lt;order&gt;…&lt;/order&gt;…&lt;/orders&gt;</c>).
/// Reads with <see cref="XmlRecordReader"/>; there is no XML writer, so <see cref="CanWrite"/> is false and the
/// registry never resolves this format for output.
/// </summary>
public sealed class XmlFormat : IFileFormat
{
    /// <inheritdoc />
    public string Name => "xml";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["xml"];

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => false;

    /// <summary>70 when the first character after any byte order mark and whitespace is <c>&lt;</c> opening a tag,
    /// declaration or comment; 0 otherwise (so JSON and CSV are never claimed).</summary>
    public int Sniff(ReadOnlySpan<byte> head) => XmlHead.Sniff(head);

    /// <inheritdoc />
    public async ValueTask<IBatchReader> OpenReaderAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default)
        => await XmlRecordReader.OpenAsync(source, options, cancellationToken).ConfigureAwait(false);

    /// <summary>Not supported: DatumSync reads XML but does not write it.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public IBatchWriter CreateWriter(Stream output, Schema schema, WriteOptions options)
        => throw new NotSupportedException("DatumSync reads XML but cannot write it; choose another output format, such as csv.");
}
