namespace DatumSync.Data.Formats;

/// <summary>A data format: how to recognise it, read it and write it.</summary>
public interface IFileFormat
{
    /// <summary>Short lower-case name (<c>csv</c>, <c>json</c>, <c>ndjson</c>, <c>xlsx</c>, <c>xml</c>).</summary>
    string Name { get; }

    /// <summary>File extensions without the dot.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Whether <see cref="OpenReaderAsync"/> is supported.</summary>
    bool CanRead { get; }

    /// <summary>Whether <see cref="CreateWriter"/> is supported.</summary>
    bool CanWrite { get; }

    /// <summary>How strongly the first bytes of a source suggest this format: 0 (no) to 100 (certain, a magic number).</summary>
    int Sniff(ReadOnlySpan<byte> head);

    /// <summary>Opens a streaming reader; the schema is known when this returns.</summary>
    /// <exception cref="DataFormatException">The source is not valid for this format.</exception>
    ValueTask<IBatchReader> OpenReaderAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default);

    /// <summary>Creates a writer over <paramref name="output"/>; the caller owns the stream.</summary>
    IBatchWriter CreateWriter(Stream output, Schema schema, WriteOptions options);
}
