using System.Diagnostics;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Modules.Detect.Rules;

namespace DatumSync.Modules.Detect;

/// <summary>
/// Reads a dataset once and says what its columns hold (semantic types with evidence, personal data) and what kind
/// of dataset it is (customers, orders, sensor readings… from a rules file), with a score and the reasons.
/// </summary>
public static class DetectModule
{
    /// <summary>Runs detection.</summary>
    /// <exception cref="DataFormatException">The input cannot be read.</exception>
    public static async Task<DetectReport> RunAsync(DataSource source, DetectOptions options, IProgress<ModuleProgress>? progress = null,
        FormatRegistry? registry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        registry ??= ModuleFormats.Registry;
        var format = await TableReader.DetectFormatAsync(source, options.Read.Format, registry, cancellationToken).ConfigureAwait(false);
        return await TableReader.ReadWideningAsync(source, options.Read, async read =>
        {
            var (rows, collectors) = await CollectAsync(source, format, read, options, progress, clock, cancellationToken).ConfigureAwait(false);
            return Decide(source, format, rows, collectors, options, clock);
        }).ConfigureAwait(false);
    }

    private static async Task<(long Rows, ColumnCollector[] Collectors)> CollectAsync(DataSource source, IFileFormat format, ReadOptions read,
        DetectOptions options, IProgress<ModuleProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var reader = await format.OpenReaderAsync(source, read, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var collectors = reader.Schema.Select((f, i) => new ColumnCollector(f.Name, options.SampleSize, options.Seed + i)).ToArray();
            long rows = 0;
            var lastReport = TimeSpan.Zero;
            while (await reader.ReadNextBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                using (batch)
                {
                    for (var c = 0; c < collectors.Length; c++)
                        collectors[c].Add(batch.Column(c));
                    rows += batch.RowCount;
                }
                if (progress is not null && clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(100))
                {
                    lastReport = clock.Elapsed;
                    progress.Report(new ModuleProgress("reading", reader.BytesRead, reader.TotalBytes, rows));
                }
            }
            progress?.Report(new ModuleProgress("reading", reader.TotalBytes ?? reader.BytesRead, reader.TotalBytes, rows));
            return (rows, collectors);
        }
    }

    private static DetectReport Decide(DataSource source, IFileFormat format, long rows, ColumnCollector[] collectors, DetectOptions options, Stopwatch clock)
    {
        var columns = new List<DetectColumn>(collectors.Length);
        var facts = new List<ColumnFacts>(collectors.Length);
        foreach (var c in collectors)
        {
            var sample = new ColumnSample(c.Name, c.Type, c.Count, c.Nulls, c.Distinct, c.Sample);
            var semantic = SemanticTypeClassifier.Classify(sample);
            columns.Add(new DetectColumn(c.Name, c.Type.ToString(), semantic.Type, semantic.Confidence, semantic.ConformingShare, semantic.NonConforming,
                semantic.IsPii, semantic.Evidence, c.Distinct, c.DistinctIsExact, c.Nulls));
            facts.Add(new ColumnFacts(c.Name, c.Type, semantic.Type, c.Count, c.Nulls, c.Distinct, c.DistinctIsExact,
                c.IsOrdered ? c.Min : null, c.IsOrdered ? c.Max : null, c.IsOrdered && c.NonDecreasing));
        }
        var verdict = DatasetTypeScorer.Score(facts, rows, options.Rules);
        return new DetectReport(source.Name, format.Name, rows, columns, [.. columns.Where(c => c.Pii).Select(c => c.Name)], verdict,
            options.RulesSource, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }
}
