using System.Globalization;
using System.Text;
using DatumSync.Data;
using DatumSync.Modules.Detect;
using DatumSync.Modules.Profile.Sketches;

namespace DatumSync.Modules.Profile;

/// <summary>Turns a finished (merged) <see cref="TableProfileState"/> into the <see cref="ProfileReport"/>.</summary>
public static class ProfileReportBuilder
{
    private const long MicrosPerDay = 86_400_000_000L;

    /// <summary>The quantiles reported by name.</summary>
    public static IReadOnlyList<(string Name, double Q)> NamedQuantiles { get; } =
        [("p1", 0.01), ("p5", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99)];

    /// <summary>Builds the report.</summary>
    /// <param name="state">The merged state.</param>
    /// <param name="schema">The final schema (after any widening).</param>
    /// <param name="options">The options the state was built with.</param>
    /// <param name="source">Input name.</param>
    /// <param name="format">Format name.</param>
    /// <param name="sizeBytes">Input size.</param>
    /// <param name="elapsedSeconds">Wall time.</param>
    /// <param name="readerWarnings">What the reader reported.</param>
    public static ProfileReport Build(TableProfileState state, Schema schema, ProfileOptions options, string source, string format,
        long? sizeBytes, double elapsedSeconds, IReadOnlyList<string> readerWarnings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        var columns = new ColumnProfile[schema.Count];
        Parallel.For(0, schema.Count, c => columns[c] = BuildColumn(state.Columns[c], schema[c].Type, options));
        var distinctRows = Math.Min(state.DistinctRows.Count, state.Rows);
        var duplicates = new DuplicateRowsReport(state.Rows - distinctRows, state.Rows > 0 ? Round((state.Rows - distinctRows) / (double)state.Rows) : 0,
            state.DistinctRows.IsExact);
        var warnings = new List<string>(readerWarnings);
        // An estimate within the sketch's error (2%) may be noise: only then is it worth a warning.
        if (duplicates.Exact ? duplicates.Estimate > 0 : duplicates.Fraction > 0.02)
            warnings.Add($"{(duplicates.Exact ? "" : "about ")}{duplicates.Estimate.ToString("N0", CultureInfo.InvariantCulture)} duplicate rows ({Percent(duplicates.Fraction)})");
        var correlations = Correlations(state, schema, options);
        if (correlations.PairsCapped)
            warnings.Add($"correlations cover the first {options.MaxNumericCorrelationColumns} numeric and {options.MaxCategoricalCorrelationColumns} text/boolean columns only");
        return new ProfileReport
        {
            Source = source,
            Format = format,
            SizeBytes = sizeBytes,
            Rows = state.Rows,
            ColumnCount = schema.Count,
            ElapsedSeconds = Math.Round(elapsedSeconds, 3),
            DuplicateRows = duplicates,
            Columns = columns,
            Correlations = correlations,
            Warnings = warnings,
        };
    }

    private static string KindOf(DataType type) => type.Kind switch
    {
        TypeKind.Int64 or TypeKind.Double or TypeKind.Decimal => "numeric",
        TypeKind.Date or TypeKind.Timestamp => "temporal",
        TypeKind.Boolean => "boolean",
        _ => "string",
    };

    private static ColumnProfile BuildColumn(ColumnProfileState s, DataType type, ProfileOptions options)
    {
        var kind = KindOf(type);
        var nonNull = s.Count - s.Nulls;
        var distinct = Math.Min(s.Distinct.Count, nonNull);
        var top = s.Top.Top(options.TopValues, item => ColumnProfileState.DecodeTop(item, type));
        var unique = nonNull > 0 && (s.Distinct.IsExact
            ? distinct == nonNull
            : distinct >= 0.98 * nonNull && (top.Count == 0 || top[0].Count < 2));
        var warnings = new List<string>();
        var profile = new ColumnProfile
        {
            Name = s.Name,
            Type = type.ToString(),
            Kind = kind,
            Count = s.Count,
            Nulls = s.Nulls,
            NullFraction = s.Count > 0 ? Round(s.Nulls / (double)s.Count) : 0,
            Empty = s.Empty,
            Distinct = distinct,
            DistinctExact = s.Distinct.IsExact,
            Unique = unique,
            TopValues = [.. top.Select(t => new ValueCount(t.Text, t.Count))],
            TopValuesExact = s.Top.MaxError == 0,
        };
        switch (kind)
        {
            case "numeric" when s.Numbers is { Count: > 0 } numbers:
                {
                    var m = s.Moments!;
                    profile = profile with
                    {
                        Min = Number(numbers.Min),
                        Max = Number(numbers.Max),
                        Mean = Number(m.Mean),
                        StdDev = Number(m.StandardDeviation),
                        Skewness = Number(m.Skewness),
                        Kurtosis = Number(m.Kurtosis),
                        Sum = Number(m.Sum),
                        Zeros = s.Zeros,
                        Negatives = s.Negatives,
                        Quantiles = NamedQuantiles.ToDictionary(q => q.Name, q => (object?)Number(numbers.Quantile(q.Q))),
                        Percentiles = [.. Enumerable.Range(0, 101).Select(p => (object?)Number(numbers.Quantile(p / 100.0)))],
                        Histogram = double.IsFinite(numbers.Min) && double.IsFinite(numbers.Max) ? Histogram(numbers, options.HistogramBins, type.Kind == TypeKind.Int64, v => v) : null,
                    };
                    if (s.Zeros > 0.5 * nonNull)
                        warnings.Add($"{Percent(s.Zeros / (double)nonNull)} zeros");
                    break;
                }
            case "temporal" when s.Times is { Count: > 0 } times:
                {
                    var isDate = type.Kind == TypeKind.Date;
                    object Text(double micros) => FormatTemporal((long)micros, type);
                    var gap = s.Days!.LargestGap();
                    profile = profile with
                    {
                        Min = FormatTemporal(s.MinMicros, type),
                        Max = FormatTemporal(s.MaxMicros, type),
                        Quantiles = NamedQuantiles.ToDictionary(q => q.Name, q => (object?)Text(times.Quantile(q.Q))),
                        Percentiles = [.. Enumerable.Range(0, 101).Select(p => (object?)Text(times.Quantile(p / 100.0)))],
                        Histogram = Histogram(times, options.HistogramBins, isDate, Text, isDate ? MicrosPerDay : 1),
                        Temporal = new TemporalStats(FormatTemporal(s.MinMicros, type), FormatTemporal(s.MaxMicros, type), s.Days.Count,
                            gap is { } g ? new DayGap(FormatDay(g.From), FormatDay(g.To), g.To - g.From) : null),
                    };
                    break;
                }
            case "boolean":
                profile = profile with { TrueCount = s.True, FalseCount = s.False };
                break;
            case "string":
                if (s.TextCount > 0)
                {
                    profile = profile with
                    {
                        Length = new LengthStats(s.LengthMin, s.LengthMax, Round(s.LengthSum / (double)s.TextCount)),
                        Patterns = s.Patterns is null ? [] : [.. s.Patterns.Top(options.TopPatterns).Select(p => new PatternCount(p.Text, p.Count))],
                    };
                }
                if (s.Empty > 0)
                    warnings.Add($"{s.Empty.ToString("N0", CultureInfo.InvariantCulture)} empty strings");
                break;
        }
        if (s.Count > 0 && s.Nulls == s.Count)
            warnings.Add("all values are null");
        else if (s.Nulls > 0.5 * s.Count)
            warnings.Add($"{Percent(s.Nulls / (double)s.Count)} nulls");
        if (distinct == 1 && s.Count > 1)
            warnings.Add("constant: a single distinct value");
        var kinds = Enumerable.Range(0, s.ValuesByKind.Length).Where(k => s.ValuesByKind[k] > 0 && (TypeKind)k != type.Kind).ToList();
        if (kinds.Count > 0)
        {
            var before = string.Join(", ", kinds.Select(k => $"{s.ValuesByKind[k].ToString("N0", CultureInfo.InvariantCulture)} as {((TypeKind)k).ToString().ToLowerInvariant()}"));
            warnings.Add(kind == "string" && kinds.Any(k => (TypeKind)k != TypeKind.String)
                ? $"widened to {type} during the read ({before} before): length and pattern statistics cover only the values read as text"
                : $"widened to {type} during the read ({before} before)");
        }

        var semantic = SemanticTypeClassifier.Classify(new ColumnSample(s.Name, type, s.Count, s.Nulls, distinct, s.Sample.Items()));
        return profile with
        {
            SemanticType = semantic.Type,
            SemanticConfidence = Round(semantic.Confidence),
            Pii = semantic.IsPii,
            SemanticEvidence = semantic.Evidence,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Equi-width bins between min and max with counts from the quantile sketch's ranks (each bin edge's rank is
    /// within the sketch's rank error, so each count is within about 2 × 0.5% of the rows). Integer and date columns
    /// whose range is narrower than the bin count get one bin per value instead.
    /// </summary>
    private static HistogramReport Histogram(KllSketch sketch, int bins, bool discrete, Func<double, object> label, double unit = 1)
    {
        var min = sketch.Min;
        var max = sketch.Max;
        var n = sketch.Count;
        if (min == max)
            return new HistogramReport([new HistogramBin(label(min), label(max), n)]);
        var edges = new List<double>();
        if (discrete && (max - min) / unit + 1 <= bins)
        {
            // One bin per value: (v - 1, v], the first one [min, min].
            edges.Add(min);
            for (var v = min; v <= max; v += unit)
                edges.Add(v);
        }
        else
        {
            var width = (max - min) / bins;
            for (var i = 0; i <= bins; i++)
                edges.Add(i == bins ? max : min + i * width);
        }
        var result = new List<HistogramBin>(edges.Count);
        long previous = 0;
        for (var i = 1; i < edges.Count; i++)
        {
            var cumulative = i == edges.Count - 1 ? n : (long)Math.Round(sketch.Rank(edges[i]) * n);
            cumulative = Math.Max(cumulative, previous);
            result.Add(new HistogramBin(label(edges[i - 1]), label(edges[i]), cumulative - previous));
            previous = cumulative;
        }
        return new HistogramReport(result);
    }

    private static CorrelationReport Correlations(TableProfileState state, Schema schema, ProfileOptions options)
    {
        var values = new List<CorrelationValue>();
        var numeric = state.NumericColumns;
        var considered = 0;
        var sample = state.RowSample.Items();
        for (int i = 0, p = 0; i < numeric.Count; i++)
        {
            for (var j = i + 1; j < numeric.Count; j++, p++)
            {
                if (KindOf(schema[numeric[i]].Type) != "numeric" || KindOf(schema[numeric[j]].Type) != "numeric")
                    continue;
                considered++;
                var a = schema[numeric[i]].Name;
                var b = schema[numeric[j]].Name;
                if (Number(state.Pearson[p].Pearson) is { } r)
                    values.Add(new CorrelationValue(a, b, "pearson", Math.Round(r, 6)));
                if (Number(Spearman(sample, i, j)) is { } rho)
                    values.Add(new CorrelationValue(a, b, "spearman", Math.Round(rho, 6)));
            }
        }
        var cat = state.CategoricalColumns;
        for (int a = 0, p = 0; a < cat.Count; a++)
        {
            for (var b = a + 1; b < cat.Count; b++, p++)
            {
                if (state.Codes[a].Overflowed || state.Codes[b].Overflowed || state.Contingency(p) is not { } table)
                    continue;
                // Categories must repeat (five rows each on average, the χ² rule of thumb): between near-unique
                // columns such as ids and names every table is "perfectly associated", and V = 1 says nothing.
                var n = table.Sum();
                if (state.Codes[a].Count * 5L > n || state.Codes[b].Count * 5L > n)
                    continue;
                considered++;
                if (Number(CramersV(table, state.Codes[a].Count, state.Codes[b].Count, options.MaxCategories)) is { } v)
                    values.Add(new CorrelationValue(schema[cat[a]].Name, schema[cat[b]].Name, "cramers_v", Math.Round(v, 6)));
            }
        }
        return new CorrelationReport(considered, state.CorrelationsCapped, values);
    }

    /// <summary>Spearman's ρ: Pearson's r of the ranks (ties get their average rank), over the sampled rows where both are present.</summary>
    public static double Spearman(IReadOnlyList<double[]> rows, int i, int j)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var x = new List<double>();
        var y = new List<double>();
        foreach (var row in rows)
        {
            if (double.IsNaN(row[i]) || double.IsNaN(row[j]))
                continue;
            x.Add(row[i]);
            y.Add(row[j]);
        }
        if (x.Count < 3)
            return double.NaN;
        var rx = Ranks(x);
        var ry = Ranks(y);
        var m = new CoMoments();
        m.Add(rx, ry);
        return m.Pearson;
    }

    private static double[] Ranks(List<double> values)
    {
        var order = Enumerable.Range(0, values.Count).ToArray();
        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
                end++;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
                ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Cramér's V = √(χ² / n / (min(r, c) − 1)) of a contingency table (rows × cols, <paramref name="width"/> wide).</summary>
    public static double CramersV(long[] table, int rows, int cols, int width)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rowSums = new double[rows];
        var colSums = new double[cols];
        double n = 0;
        for (var a = 0; a < rows; a++)
        {
            for (var b = 0; b < cols; b++)
            {
                var v = table[a * width + b];
                rowSums[a] += v;
                colSums[b] += v;
                n += v;
            }
        }
        var r = rowSums.Count(v => v > 0);
        var c = colSums.Count(v => v > 0);
        if (n == 0 || Math.Min(r, c) < 2)
            return double.NaN;
        double chi2 = 0;
        for (var a = 0; a < rows; a++)
        {
            for (var b = 0; b < cols; b++)
            {
                if (rowSums[a] == 0 || colSums[b] == 0)
                    continue;
                var expected = rowSums[a] * colSums[b] / n;
                var d = table[a * width + b] - expected;
                chi2 += d * d / expected;
            }
        }
        return Math.Sqrt(chi2 / n / (Math.Min(r, c) - 1));
    }

    /// <summary>A date (<c>yyyy-MM-dd</c>) or timestamp (ISO, <c>Z</c> for UTC) from microseconds.</summary>
    public static string FormatTemporal(long micros, DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Span<byte> buffer = stackalloc byte[48];
        int n;
        if (type.Kind == TypeKind.Date)
            ValueFormatter.TryFormatDate((int)Math.Floor(micros / (double)MicrosPerDay), buffer, out n);
        else
            ValueFormatter.TryFormatTimestamp(micros, type.HasOffset, buffer, out n);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    private static string FormatDay(int day)
    {
        Span<byte> buffer = stackalloc byte[16];
        ValueFormatter.TryFormatDate(day, buffer, out var n);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    private static double? Number(double v) => double.IsFinite(v) ? v : null;

    private static double Round(double v) => Math.Round(v, 6);

    private static string Percent(double f) => (f * 100).ToString(f < 0.1 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + "%";
}
