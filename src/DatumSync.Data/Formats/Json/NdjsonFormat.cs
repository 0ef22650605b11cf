namespace DatumSync.Data.Formats.Json;

/// <summary>
/// NDJSON / JSON Lines: one object per line. Reads with <see cref="JsonReader"/>, writes with
/// <see cref="JsonWriter"/>.
/// </summary>
public sealed class NdjsonFormat : IFileFormat
{
    /// <inheritdoc />
    public string Name => "ndjson";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["ndjson", "jsonl"];

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public int Sniff(ReadOnlySpan<byte> head) => JsonSniffer.SniffLines(head);

    /// <inheritdoc />
    public async ValueTask<IBatchReader> OpenReaderAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default)
        => await JsonReader.OpenAsync(source, options, JsonLayout.Lines, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public IBatchWriter CreateWriter(Stream output, Schema schema, WriteOptions options)
        => new JsonWriter(output, schema, options, JsonLayout.Lines);
}
