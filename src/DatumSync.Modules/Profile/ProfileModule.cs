using System.Diagnostics;
using System.Threading.Channels;
using DatumSync.Data;
using DatumSync.Data.Formats;

namespace DatumSync.Modules.Profile;

/// <summary>
/// Profiles a dataset in one streaming pass: per column counts, distinct values, moments, quantiles, histogram,
/// frequent values, text lengths and patterns, date ranges and gaps, the semantic type; per table duplicate rows
/// and pairwise correlations. Memory is bounded by sketches, not by rows.
/// </summary>
/// <remarks>
/// The reader runs on the calling task and hands batches through a bounded channel to workers, each filling its own
/// <see cref="TableProfileState"/>; the states are merged at the end with the same <c>Merge</c> the tests prove equal
/// to one pass. Batches carry their first row number so sampling does not depend on which worker got them.
/// </remarks>
public static class ProfileModule
{
    /// <summary>Cells (rows × columns) a batch of a wide table may hold: wide tables are read in shorter batches.</summary>
    private const long MaxCellsPerBatch = 1 << 18;

    /// <summary>Tables wider than this get one worker by default and shorter batches.</summary>
    private const int WideTableColumns = 64;

    /// <summary>Runs the profile.</summary>
    /// <exception cref="DataFormatException">The input cannot be read.</exception>
    public static async Task<ProfileReport> RunAsync(DataSource source, ProfileOptions options, IProgress<ModuleProgress>? progress = null,
        FormatRegistry? registry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        registry ??= ModuleFormats.Registry;
        var format = await TableReader.DetectFormatAsync(source, options.Read.Format, registry, cancellationToken).ConfigureAwait(false);
        return await TableReader.ReadWideningAsync(source, options.Read,
            read => ProfileOnceAsync(source, format, read, options, progress, clock, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<ProfileReport> ProfileOnceAsync(DataSource source, IFileFormat format, ReadOptions read, ProfileOptions options,
        IProgress<ModuleProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var reader = await format.OpenReaderAsync(source, read, cancellationToken).ConfigureAwait(false);
        if (reader.Schema.Count > WideTableColumns && (long)reader.Schema.Count * read.BatchRows > MaxCellsPerBatch && source.CanReopen)
        {
            // Column builders reserve a batch's rows up front: 500 columns × 64K rows would pin hundreds of MB per
            // batch in flight. Wide tables are read again in shorter batches.
            var rows = (int)Math.Max(256, MaxCellsPerBatch / reader.Schema.Count);
            await reader.DisposeAsync().ConfigureAwait(false);
            read = read with { BatchRows = rows };
            reader = await format.OpenReaderAsync(source, read, cancellationToken).ConfigureAwait(false);
        }
        await using (reader.ConfigureAwait(false))
        {
            var schema = reader.Schema;
            // Each worker holds a full state; on wide tables that is the larger cost, and the reader already converts
            // columns in parallel, so they get one worker unless told otherwise.
            var workers = options.Workers > 0 ? options.Workers : schema.Count > WideTableColumns ? 1 : Math.Max(1, Environment.ProcessorCount);
            var channel = Channel.CreateBounded<(RecordBatch Batch, long FirstRow)>(new BoundedChannelOptions(workers)
            {
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var states = new TableProfileState[workers];
            var tasks = new Task[workers];
            for (var w = 0; w < workers; w++)
            {
                var state = states[w] = new TableProfileState(schema, options);
                tasks[w] = Task.Run(async () =>
                {
                    try
                    {
                        await ConsumeAsync(channel.Reader, state, stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Stops the reader (blocked on a full channel) and the other workers.
                        await stop.CancelAsync().ConfigureAwait(false);
                        throw;
                    }
                }, CancellationToken.None);
            }

            long rows = 0;
            var lastReport = TimeSpan.Zero;
            try
            {
                while (await reader.ReadNextBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
                {
                    if (batch.Columns.Count != schema.Count)
                    {
                        batch.Dispose();
                        throw new InvalidOperationException("A batch's column count differs from the schema's.");
                    }
                    try
                    {
                        await channel.Writer.WriteAsync((batch, rows), stop.Token).ConfigureAwait(false);
                    }
                    catch
                    {
                        batch.Dispose();
                        throw;
                    }
                    rows += batch.RowCount;
                    if (progress is not null && clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(100))
                    {
                        lastReport = clock.Elapsed;
                        progress.Report(new ModuleProgress("reading", reader.BytesRead, reader.TotalBytes, rows));
                    }
                }
                channel.Writer.Complete();
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && tasks.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                // A worker failed and cancelled the read: its error is the one to report.
                await failed.ConfigureAwait(false);
                throw;
            }
            finally
            {
                channel.Writer.TryComplete();
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await Task.WhenAll(tasks).ConfigureAwait(false);
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested || tasks.Any(t => t.IsFaulted || t.IsCanceled))
                {
                    // Already reported (or superseded by the reader's own error).
                }
                while (channel.Reader.TryRead(out var left))
                    left.Batch.Dispose();
            }
            progress?.Report(new ModuleProgress("reading", reader.TotalBytes ?? reader.BytesRead, reader.TotalBytes, rows));

            var merged = states[0];
            for (var w = 1; w < states.Length; w++)
                merged.Merge(states[w]);
            var diagnostics = reader as IReaderDiagnostics;
            return ProfileReportBuilder.Build(merged, reader.Schema, options, source.Name, format.Name, source.Length,
                clock.Elapsed.TotalSeconds, diagnostics?.Warnings ?? []);
        }
    }

    private static async Task ConsumeAsync(ChannelReader<(RecordBatch Batch, long FirstRow)> batches, TableProfileState state, CancellationToken cancellationToken)
    {
        await foreach (var (batch, firstRow) in batches.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
                state.Add(batch, firstRow);
        }
    }
}
