namespace DatumSync.Data.Formats;

/// <summary>
/// A streaming reader: the schema up front, then batches until the source ends. Memory is bounded by the batch
/// size, never by the size of the source.
/// </summary>
public interface IBatchReader : IAsyncDisposable
{
    /// <summary>The schema every batch has.</summary>
    Schema Schema { get; }

    /// <summary>The next batch, or null at the end. The caller disposes each batch.</summary>
    /// <exception cref="DataFormatException">The input is malformed.</exception>
    ValueTask<RecordBatch?> ReadNextBatchAsync(CancellationToken cancellationToken = default);

    /// <summary>Bytes of the source consumed so far (for progress).</summary>
    long BytesRead { get; }

    /// <summary>Total bytes of the source, when known.</summary>
    long? TotalBytes { get; }
}
