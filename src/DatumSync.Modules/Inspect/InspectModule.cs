using System.Diagnostics;
using DatumSync.Data;
using DatumSync.Data.Formats;

namespace DatumSync.Modules.Inspect;

/// <summary>
/// Reads a whole dataset once to report its format, dialect, verified schema (types inferred from a sample and
/// checked against every value), null counts, row count and first rows.
/// </summary>
public static class InspectModule
{
    /// <summary>Runs the inspection.</summary>
    /// <exception cref="DataFormatException">The input cannot be read.</exception>
    public static async Task<InspectReport> RunAsync(DataSource source, InspectOptions options, IProgress<ModuleProgress>? progress = null,
        FormatRegistry? registry = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        registry ??= ModuleFormats.Registry;
        var format = await TableReader.DetectFormatAsync(source, options.Read.Format, registry, cancellationToken).ConfigureAwait(false);
        return await TableReader.ReadWideningAsync(source, options.Read,
            read => InspectOnceAsync(source, format, read, options.PreviewRows, progress, clock, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Forwards progress synchronously (no captured context: the callback is cheap and thread-safe).</summary>
    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private static async Task<InspectReport> InspectOnceAsync(DataSource source, IFileFormat format, ReadOptions read, int previewRows,
        IProgress<ModuleProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var reader = await format.OpenReaderAsync(source, read, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            long rows = 0;
            var nulls = new long[reader.Schema.Count];
            var preview = new List<IReadOnlyList<string?>>();
            var lastReport = TimeSpan.Zero;
            while (await reader.ReadNextBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                using (batch)
                {
                    for (var c = 0; c < batch.Columns.Count; c++)
                        nulls[c] += batch.Column(c).NullCount;
                    for (var r = 0; r < batch.RowCount && preview.Count < previewRows; r++)
                        preview.Add([.. batch.Columns.Select(col => col.GetText(r))]);
                    rows += batch.RowCount;
                }
                if (reader is IVerifyingReader verifier)
                {
                    // The preview is taken: the rest needs only checking and counting, not values.
                    var before = rows;
                    var summary = await verifier.VerifyRemainingAsync(
                        progress is null ? null : new Progress(r => Report(before + r)), cancellationToken).ConfigureAwait(false);
                    rows += summary.Rows;
                    for (var c = 0; c < nulls.Length; c++)
                        nulls[c] += summary.NullCounts[c];
                    break;
                }
                Report(rows);
            }

            void Report(long done)
            {
                if (progress is not null && clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(100))
                {
                    lastReport = clock.Elapsed;
                    progress.Report(new ModuleProgress("reading", reader.BytesRead, reader.TotalBytes, done));
                }
            }
            progress?.Report(new ModuleProgress("reading", reader.TotalBytes ?? reader.BytesRead, reader.TotalBytes, rows));

            var diagnostics = reader as IReaderDiagnostics;
            var inferred = diagnostics?.InferredColumns;
            var columns = reader.Schema.Select((f, i) =>
            {
                var info = inferred is not null && i < inferred.Count ? inferred[i] : null;
                var notes = new List<string>();
                if (info is not null)
                {
                    var described = info.Format.ToString();
                    if (described != f.Type.ToString())
                        notes.Add($"read as {described.Substring(f.Type.ToString().Length).Trim(' ', '(', ')')}");
                    notes.AddRange(info.Notes);
                }
                return new ColumnReport(f.Name, f.Type.ToString(), info?.Confidence, nulls[i], notes);
            }).ToList();
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in diagnostics?.Properties ?? [])
                details[k] = v;
            var parquet = format is Parquet.ParquetFormat ? Parquet.ParquetFileInfo.Read(source) : null;
            return new InspectReport(source.Name, format.Name, source.Length, details, rows, columns, preview,
                diagnostics?.Warnings ?? [], Math.Round(clock.Elapsed.TotalSeconds, 3), parquet);
        }
    }
}
