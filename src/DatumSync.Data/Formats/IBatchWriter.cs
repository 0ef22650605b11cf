namespace DatumSync.Data.Formats;

/// <summary>
/// A streaming writer. Call <see cref="CompleteAsync"/> to finish the output; disposing without completing
/// abandons it (an <see cref="AtomicFile"/> underneath then leaves nothing behind).
/// </summary>
public interface IBatchWriter : IAsyncDisposable
{
    /// <summary>The schema of the batches this writer accepts.</summary>
    Schema Schema { get; }

    /// <summary>Writes one batch. The batch stays owned by the caller.</summary>
    ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Writes any footer and flushes.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
