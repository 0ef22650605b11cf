namespace DatumSync.Data.Formats.Json;

/// <summary>
/// JSON: an array of objects, one record each (also a single object, or objects one after another). Reads with
/// <see cref="JsonReader"/>, writes with <see cref="JsonWriter"/> (<c>[\n{...},\n{...}\n]</c>).
/// </summary>
public sealed class JsonFormat : IFileFormat
{
    /// <inheritdoc />
    public string Name => "json";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["json"];

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public int Sniff(ReadOnlySpan<byte> head) => JsonSniffer.SniffArray(head);

    /// <inheritdoc />
    public async ValueTask<IBatchReader> OpenReaderAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default)
        => await JsonReader.OpenAsync(source, options, JsonLayout.Array, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public IBatchWriter CreateWriter(Stream output, Schema schema, WriteOptions options)
        => new JsonWriter(output, schema, options, JsonLayout.Array);
}
