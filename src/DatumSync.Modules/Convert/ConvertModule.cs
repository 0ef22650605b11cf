using System.Diagnostics;
using DatumSync.Data;
using DatumSync.Data.Formats;

namespace DatumSync.Modules.Convert;

/// <summary>
/// Converts any readable format to any writable one, streaming. The output appears only when complete: it is
/// written under a temporary name and renamed into place, so a failure leaves nothing half-written.
/// </summary>
public static class ConvertModule
{
    /// <summary>Converts <paramref name="source"/> into <paramref name="outputPath"/>.</summary>
    /// <exception cref="DataFormatException">The input cannot be read or the output format is unknown.</exception>
    public static async Task<ConvertReport> RunAsync(DataSource source, string outputPath, ConvertOptions options, IProgress<ModuleProgress>? progress = null,
        FormatRegistry? registry = null, CancellationToken cancellationToken = default)
    {
        registry ??= ModuleFormats.Registry;
        var clock = Stopwatch.StartNew();
        var outputFormat = registry.ResolveForWrite(outputPath, options.Write.Format);
        if (source.Path is { } inputPath && Path.GetFullPath(outputPath) == inputPath)
            throw new DataFormatException(outputPath, "the output would overwrite the input; choose another output path");
        var inputFormat = await TableReader.DetectFormatAsync(source, options.Read.Format, registry, cancellationToken).ConfigureAwait(false);

        AtomicFile? file = null;
        IReaderDiagnostics? diagnostics = null;
        var nulls = Array.Empty<long>();
        var lastReport = TimeSpan.Zero;
        try
        {
            var (schema, rows, restarts) = await TableReader.CopyAsync(
                source,
                options.Read with { Format = inputFormat.Name },
                s =>
                {
                    // A restart begins a fresh output file; the abandoned one is deleted.
                    file?.Dispose();
                    file = new AtomicFile(outputPath);
                    nulls = new long[s.Count];
                    return new CountingWriter(outputFormat.CreateWriter(file.Stream, s, options.Write), nulls);
                },
                (reader, written) =>
                {
                    diagnostics = reader as IReaderDiagnostics;
                    if (progress is not null && clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(100))
                    {
                        lastReport = clock.Elapsed;
                        progress.Report(new ModuleProgress("converting", reader.BytesRead, reader.TotalBytes, written));
                    }
                },
                registry,
                cancellationToken).ConfigureAwait(false);
            file!.Commit();
            progress?.Report(new ModuleProgress("converting", source.Length ?? 0, source.Length, rows));

            var inferred = diagnostics?.InferredColumns;
            var columns = schema.Select((f, i) => new ColumnReport(
                f.Name,
                f.Type.ToString(),
                inferred is not null && i < inferred.Count ? inferred[i].Confidence : null,
                nulls[i],
                inferred is not null && i < inferred.Count ? inferred[i].Notes : [])).ToList();
            var warnings = new List<string>(diagnostics?.Warnings ?? []);
            if (restarts > 0)
                warnings.Add($"the input was read {restarts + 1} times: values late in the file needed wider types than the sample showed");
            var parquet = outputFormat is Parquet.ParquetFormat ? Parquet.ParquetFileInfo.Read(DataSource.FromFile(outputPath)) : null;
            return new ConvertReport(source.Name, outputPath, inputFormat.Name, outputFormat.Name, rows, source.Length,
                new FileInfo(outputPath).Length, columns, restarts, warnings, Math.Round(clock.Elapsed.TotalSeconds, 3), parquet);
        }
        finally
        {
            file?.Dispose();
        }
    }

    /// <summary>Counts nulls on the way through (for the report) without a second pass.</summary>
    private sealed class CountingWriter(IBatchWriter inner, long[] nulls) : IBatchWriter
    {
        public Schema Schema => inner.Schema;

        public async ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
        {
            await inner.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            for (var c = 0; c < batch.Columns.Count; c++)
                nulls[c] += batch.Column(c).NullCount;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => inner.CompleteAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
