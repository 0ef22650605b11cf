using System.Globalization;
using System.Text.Json;

namespace DatumSync.Modules.Profile;

/// <summary>
/// Compares a profile with a baseline profile (both in their JSON form, so a report saved months ago compares with
/// today's): schema changes, null-rate changes and distribution drift per column.
/// </summary>
/// <remarks>
/// <para>Numeric and temporal columns: both distribution functions are read off the 101 percentiles (linear between
/// them). PSI uses ten bins cut at the baseline's deciles; KS is the largest gap between the two distribution
/// functions. Its p-value uses the asymptotic Kolmogorov distribution with the row counts, after taking off 0.01,
/// the resolution of percentile arrays built from sketches: otherwise on millions of rows the sketches' own error
/// would read as drift.</para>
/// <para>Categorical (text, boolean) columns: categories are the union of both reports' top values plus "other";
/// PSI over those, and a chi-square test of homogeneity on the 2 × k count table.</para>
/// <para>Drift is significant at PSI ≥ 0.25, moderate at PSI ≥ 0.1 or when the test's p-value is below 0.05.</para>
/// </remarks>
public static class ProfileComparison
{
    private const double KsResolution = 0.01;
    private const double Epsilon = 1e-4;

    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/> (both profile reports as JSON).</summary>
    /// <exception cref="FormatException">The baseline is not a profile report.</exception>
    public static ProfileComparisonReport Compare(JsonElement baseline, JsonElement current, string baselineName, DriftThresholds? thresholds = null)
    {
        thresholds ??= DriftThresholds.Default;
        if (baseline.ValueKind != JsonValueKind.Object || !baseline.TryGetProperty("columns", out var oldColumns) || oldColumns.ValueKind != JsonValueKind.Array
            || !baseline.TryGetProperty("rows", out var oldRowsElement) || !oldRowsElement.TryGetInt64(out var oldRows))
            throw new FormatException("not a profile report (expected an object with 'rows' and 'columns')");
        var newRows = current.GetProperty("rows").GetInt64();
        var olds = Index(oldColumns);
        var news = Index(current.GetProperty("columns"));
        var changes = new List<SchemaChange>();
        foreach (var name in news.Keys.Where(n => !olds.ContainsKey(n)))
            changes.Add(new SchemaChange(name, "added", null, Text(news[name], "type")));
        foreach (var name in olds.Keys.Where(n => !news.ContainsKey(n)))
            changes.Add(new SchemaChange(name, "removed", Text(olds[name], "type"), null));
        var drifts = new List<ColumnDrift>();
        foreach (var (name, now) in news)
        {
            if (!olds.TryGetValue(name, out var old))
                continue;
            var (oldType, newType) = (Text(old, "type"), Text(now, "type"));
            if (oldType != newType)
                changes.Add(new SchemaChange(name, "type_changed", oldType, newType));
            drifts.Add(CompareColumn(name, old, now, oldRows, newRows, thresholds));
        }
        return new ProfileComparisonReport
        {
            Baseline = baselineName,
            BaselineRows = oldRows,
            Thresholds = thresholds,
            SchemaChanges = changes,
            Columns = drifts,
            DriftedColumns = drifts.Count(d => d.Drift != "none"),
        };
    }

    private static Dictionary<string, JsonElement> Index(JsonElement columns)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var c in columns.EnumerateArray())
        {
            if (c.ValueKind == JsonValueKind.Object && Text(c, "name") is { } name)
                map.TryAdd(name, c);
        }
        return map;
    }

    private static ColumnDrift CompareColumn(string name, JsonElement old, JsonElement now, long oldRows, long newRows, DriftThresholds t)
    {
        var nfOld = Number(old, "null_fraction") ?? 0;
        var nfNew = Number(now, "null_fraction") ?? 0;
        double? psi = null, ks = null, ksP = null, chi = null, chiP = null;
        var oldPercentiles = Percentiles(old);
        var newPercentiles = Percentiles(now);
        if (oldPercentiles is not null && newPercentiles is not null)
        {
            var nOld = Math.Max(1, oldRows - (Number(old, "nulls") ?? 0));
            var nNew = Math.Max(1, newRows - (Number(now, "nulls") ?? 0));
            psi = NumericPsi(oldPercentiles, newPercentiles);
            var d = MaxCdfGap(oldPercentiles, newPercentiles);
            ks = Math.Round(d, 6);
            ksP = Statistics.KolmogorovPValue(Math.Max(0, d - KsResolution), nOld, nNew);
        }
        else if (TopValues(old) is { } oldTop && TopValues(now) is { } newTop)
        {
            var categories = oldTop.Keys.Union(newTop.Keys, StringComparer.Ordinal).ToList();
            var oldCounts = Counts(categories, oldTop, NonNull(old, oldRows));
            var newCounts = Counts(categories, newTop, NonNull(now, newRows));
            psi = Psi(Fractions(oldCounts), Fractions(newCounts));
            (chi, var df) = ChiSquare(oldCounts, newCounts);
            chiP = Statistics.ChiSquarePValue(chi.Value, df);
        }
        var p = ksP ?? chiP;
        var drift = psi >= t.PsiSignificant ? "significant" : psi >= t.PsiModerate || p < t.PValue ? "moderate" : "none";
        return new ColumnDrift
        {
            Name = name,
            NullFractionOld = nfOld,
            NullFractionNew = nfNew,
            NullFractionChange = Math.Round(nfNew - nfOld, 6),
            Psi = psi is { } x ? Math.Round(x, 6) : null,
            Ks = ks,
            KsPValue = ksP,
            ChiSquare = chi is { } c ? Math.Round(c, 6) : null,
            ChiSquarePValue = chiP,
            Drift = drift,
        };
    }

    private static long NonNull(JsonElement column, long rows) => (long)((Number(column, "count") ?? rows) - (Number(column, "nulls") ?? 0));

    /// <summary>The 101 percentiles as numbers (temporal ones parsed to ticks), or null.</summary>
    private static double[]? Percentiles(JsonElement column)
    {
        if (!column.TryGetProperty("percentiles", out var p) || p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2)
            return null;
        var values = new List<double>();
        foreach (var v in p.EnumerateArray())
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.Number:
                    values.Add(v.GetDouble());
                    break;
                case JsonValueKind.String when DateTime.TryParse(v.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt):
                    values.Add(dt.Ticks);
                    break;
                default:
                    return null;
            }
        }
        return [.. values];
    }

    /// <summary>The distribution function read off percentiles: the highest rank at or below x, linear between percentiles.</summary>
    public static double Cdf(IReadOnlyList<double> percentiles, double x)
    {
        ArgumentNullException.ThrowIfNull(percentiles);
        var last = percentiles.Count - 1;
        if (x < percentiles[0])
            return 0;
        if (x >= percentiles[last])
            return 1;
        // The last k with p[k] <= x.
        int lo = 0, hi = last;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (percentiles[mid] <= x)
                lo = mid;
            else
                hi = mid - 1;
        }
        var span = percentiles[lo + 1] - percentiles[lo];
        var within = span > 0 ? (x - percentiles[lo]) / span : 0;
        return (lo + within) / last;
    }

    private static double MaxCdfGap(double[] a, double[] b)
    {
        double d = 0;
        foreach (var x in a.Concat(b))
            d = Math.Max(d, Math.Abs(Cdf(a, x) - Cdf(b, x)));
        return d;
    }

    private static double NumericPsi(double[] old, double[] now)
    {
        var edges = new List<double>();
        for (var i = 1; i < 10; i++)
        {
            var e = old[(old.Length - 1) * i / 10];
            if (edges.Count == 0 || e > edges[^1])
                edges.Add(e);
        }
        var expected = new List<double>();
        var actual = new List<double>();
        double prevOld = 0, prevNew = 0;
        foreach (var e in edges)
        {
            var fo = Cdf(old, e);
            var fn = Cdf(now, e);
            expected.Add(fo - prevOld);
            actual.Add(fn - prevNew);
            (prevOld, prevNew) = (fo, fn);
        }
        expected.Add(1 - prevOld);
        actual.Add(1 - prevNew);
        return Psi(expected, actual);
    }

    /// <summary>PSI = Σ (a − e)·ln(a / e), with empty bins floored at 0.0001.</summary>
    public static double Psi(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        double psi = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var e = Math.Max(expected[i], Epsilon);
            var a = Math.Max(actual[i], Epsilon);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    private static Dictionary<string, long>? TopValues(JsonElement column)
    {
        if (!column.TryGetProperty("top_values", out var top) || top.ValueKind != JsonValueKind.Array)
            return null;
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var v in top.EnumerateArray())
        {
            if (Text(v, "value") is { } value && v.TryGetProperty("count", out var c) && c.TryGetInt64(out var count))
                map[value] = count;
        }
        return map;
    }

    /// <summary>Counts per category plus a last "other" entry (non-null values outside the top values).</summary>
    private static long[] Counts(List<string> categories, Dictionary<string, long> top, long nonNull)
    {
        var counts = new long[categories.Count + 1];
        for (var i = 0; i < categories.Count; i++)
            counts[i] = top.GetValueOrDefault(categories[i]);
        counts[^1] = Math.Max(0, nonNull - top.Values.Sum());
        return counts;
    }

    private static double[] Fractions(long[] counts)
    {
        var total = (double)Math.Max(1, counts.Sum());
        return [.. counts.Select(c => c / total)];
    }

    private static (double Chi, int Df) ChiSquare(long[] a, long[] b)
    {
        double na = a.Sum(), nb = b.Sum(), n = na + nb;
        if (na == 0 || nb == 0)
            return (0, 0);
        double chi = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double total = a[i] + b[i];
            if (total == 0)
                continue;
            k++;
            var ea = total * na / n;
            var eb = total * nb / n;
            chi += (a[i] - ea) * (a[i] - ea) / ea + (b[i] - eb) * (b[i] - eb) / eb;
        }
        return (chi, k - 1);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
