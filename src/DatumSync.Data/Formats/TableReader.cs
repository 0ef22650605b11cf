namespace DatumSync.Data.Formats;

/// <summary>
/// Opens any supported dataset as a stream of batches, choosing the format by name, content or extension.
/// </summary>
public static class TableReader
{
    /// <summary>Bytes read from the head of a source for format sniffing.</summary>
    public const int SniffBytes = 64 * 1024;

    /// <summary>Opens a reader for <paramref name="source"/>.</summary>
    /// <exception cref="DataFormatException">The source cannot be read.</exception>
    public static async ValueTask<IBatchReader> OpenAsync(DataSource source, ReadOptions? options = null, FormatRegistry? registry = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReadOptions();
        var format = await DetectFormatAsync(source, options.Format, registry, cancellationToken).ConfigureAwait(false);
        return await format.OpenReaderAsync(source, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Picks the format of <paramref name="source"/> (reading its first bytes when the source re-opens).</summary>
    public static async ValueTask<IFileFormat> DetectFormatAsync(DataSource source, string? explicitFormat, FormatRegistry? registry = null, CancellationToken cancellationToken = default)
    {
        registry ??= FormatRegistry.Default;
        if (explicitFormat is not null || !source.CanReopen)
            return registry.ResolveForRead(source, explicitFormat ?? (source.Extension.Length > 0 ? registry.Find(source.Extension)?.Name : null), default);
        var head = new byte[SniffBytes];
        int n;
        try
        {
            await using var s = source.Open();
            n = await s.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new DataFormatException(source.Name, $"cannot read: {e.Message}", inner: e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataFormatException(source.Name, $"permission denied: {e.Message}", inner: e);
        }
        return registry.ResolveForRead(source, null, head.AsSpan(0, n));
    }

    /// <summary>
    /// Reads every batch of <paramref name="source"/> into a writer made by <paramref name="createWriter"/>.
    /// When a value later in the source breaks a type inferred from the sample (<see cref="SchemaWidenedException"/>),
    /// the copy restarts from the beginning with the widened schema, as long as the source can be re-read;
    /// each restart strictly widens a type, so there are only a few.
    /// </summary>
    /// <param name="source">The input.</param>
    /// <param name="options">Read options.</param>
    /// <param name="createWriter">Makes a fresh writer for a schema; called again on restart (the previous one is
    /// disposed without completing).</param>
    /// <param name="onBatch">Called after each batch is written, with the reader (for progress).</param>
    /// <param name="registry">Formats to use.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The schema written and the row count.</returns>
    public static async ValueTask<(Schema Schema, long Rows, int Restarts)> CopyAsync(
        DataSource source,
        ReadOptions options,
        Func<Schema, IBatchWriter> createWriter,
        Action<IBatchReader, long>? onBatch = null,
        FormatRegistry? registry = null,
        CancellationToken cancellationToken = default)
    {
        var format = await DetectFormatAsync(source, options.Format, registry, cancellationToken).ConfigureAwait(false);
        var restarts = 0;
        while (true)
        {
            var reader = await format.OpenReaderAsync(source, options, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var writer = createWriter(reader.Schema);
                await using (writer.ConfigureAwait(false))
                {
                    long rows = 0;
                    try
                    {
                        while (await reader.ReadNextBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
                        {
                            using (batch)
                            {
                                await writer.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                                rows += batch.RowCount;
                            }
                            onBatch?.Invoke(reader, rows);
                        }
                    }
                    catch (SchemaWidenedException widened) when (source.CanReopen && restarts < 64)
                    {
                        restarts++;
                        options = Restart(options, widened) with { Format = format.Name };
                        continue;
                    }
                    await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                    return (reader.Schema, rows, restarts);
                }
            }
        }
    }

    /// <summary>
    /// Runs a single pass that keeps no batches (inspect, profile, detect) with <see cref="ReadOptions.WidenInPlace"/>
    /// set, and runs it again with the wider types when a reader that cannot widen in place raises
    /// <see cref="SchemaWidenedException"/> (at most <paramref name="maxRestarts"/> times, and only for sources that
    /// can be reopened).
    /// </summary>
    public static async Task<T> ReadWideningAsync<T>(DataSource source, ReadOptions options, Func<ReadOptions, Task<T>> pass, int maxRestarts = 64)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pass);
        var read = options with { WidenInPlace = true };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await pass(read).ConfigureAwait(false);
            }
            catch (SchemaWidenedException widened) when (source.CanReopen && attempt < maxRestarts)
            {
                read = Restart(read, widened);
            }
        }
    }

    /// <summary>
    /// The options for reading again after <paramref name="widened"/>: the wider types as a starting point. A column
    /// whose type the user gave is not widened: the value that does not fit is an error.
    /// </summary>
    /// <exception cref="DataFormatException">The column's type was the user's.</exception>
    public static ReadOptions Restart(ReadOptions options, SchemaWidenedException widened)
    {
        if (widened.ColumnName is { } column && options.IsUserTyped(column))
        {
            throw new DataFormatException(widened.SourceName, $"value '{widened.Value}' does not fit the type {widened.From} given for this column",
                widened.Row, column, inner: widened);
        }
        return options with { WidenedTypes = widened.WidenedSchema.ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal) };
    }
}
