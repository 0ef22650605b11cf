using System.Globalization;
using System.Text.Json;

namespace DatumSync.Browser.Tests.Data;

/// <summary>
/// Writes a synthetic profile report (the shape of <c>PROFILE_JSON.md</c>) with many columns, for the size and
/// load-time tests of the HTML page. Seeded: the same arguments give the same bytes.
/// </summary>
/// <remarks>Each column carries what the profile engine writes at its defaults: numeric columns 101
/// percentiles at full double precision, a 20-bin histogram and 10 top values; strings 10 top values and 5
/// patterns; temporal columns a 12-bin histogram. Correlations list the 300 strongest pairs.</remarks>
public static class WideReportGenerator
{
    /// <summary>The report as UTF-8 JSON (not indented, as the engine writes it).</summary>
    public static byte[] Generate(int columnCount, int seed = 42, bool withComparison = false)
    {
        var random = new Random(seed);
        const long rows = 2_500_000;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", 1);
            w.WriteString("source", "warehouse_export_wide.parquet");
            w.WriteString("format", "parquet");
            w.WriteNumber("size_bytes", 1_843_200_000L);
            w.WriteNumber("rows", rows);
            w.WriteNumber("column_count", columnCount);
            w.WriteNumber("elapsed_seconds", 48.7);
            w.WriteStartObject("duplicate_rows");
            w.WriteNumber("estimate", 0);
            w.WriteNumber("fraction", 0.0);
            w.WriteBoolean("exact", false);
            w.WriteEndObject();
            w.WriteStartArray("columns");
            var names = new List<string>();
            for (var i = 0; i < columnCount; i++)
                names.Add(WriteColumn(w, random, i, rows));
            w.WriteEndArray();

            w.WriteStartObject("correlations");
            var pairs = Math.Min(300, columnCount * (columnCount - 1) / 2);
            w.WriteNumber("pairs_considered", columnCount * (columnCount - 1) / 2);
            w.WriteBoolean("pairs_capped", pairs < columnCount * (columnCount - 1) / 2);
            w.WriteStartArray("values");
            for (var p = 0; p < pairs; p++)
            {
                var a = random.Next(columnCount);
                var b = (a + 1 + random.Next(columnCount - 1)) % columnCount;
                w.WriteStartObject();
                w.WriteString("a", names[a]);
                w.WriteString("b", names[b]);
                w.WriteString("method", p % 3 == 2 ? "cramers_v" : p % 3 == 1 ? "spearman" : "pearson");
                w.WriteNumber("value", Math.Round(random.NextDouble() * 2 - 1, 4));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("warnings");
            w.WriteStringValue($"{columnCount / 25} columns are entirely null");
            w.WriteEndArray();

            if (withComparison)
            {
                w.WriteStartObject("comparison");
                w.WriteString("baseline", "warehouse_export_wide.previous.json");
                w.WriteNumber("baseline_rows", rows - 1000);
                w.WriteStartObject("thresholds");
                w.WriteNumber("psi_moderate", 0.1);
                w.WriteNumber("psi_significant", 0.25);
                w.WriteNumber("p_value", 0.05);
                w.WriteEndObject();
                w.WriteStartArray("schema_changes");
                w.WriteEndArray();
                w.WriteStartArray("columns");
                var drifted = 0;
                foreach (var name in names)
                {
                    var psi = Math.Round(random.NextDouble() * random.NextDouble() * 0.5, 4);
                    var drift = psi >= 0.25 ? "significant" : psi >= 0.1 ? "moderate" : "none";
                    drifted += drift == "none" ? 0 : 1;
                    w.WriteStartObject();
                    w.WriteString("name", name);
                    w.WriteNumber("null_fraction_old", 0.0);
                    w.WriteNumber("null_fraction_new", 0.0);
                    w.WriteNumber("null_fraction_change", 0.0);
                    w.WriteNumber("psi", psi);
                    w.WriteString("drift", drift);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteNumber("drifted_columns", drifted);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static readonly string[] Stems = ["amount", "price", "score", "latency_ms", "weight", "customer_name", "city", "status", "sku", "email", "is_flagged", "created_at", "event_date"];

    private static string WriteColumn(Utf8JsonWriter w, Random random, int index, long rows)
    {
        var stem = Stems[index % Stems.Length];
        var name = $"{stem}_{index:D3}";
        var kind = stem switch
        {
            "customer_name" or "city" or "status" or "sku" or "email" => "string",
            "is_flagged" => "boolean",
            "created_at" or "event_date" => "temporal",
            _ => "numeric",
        };
        var allNull = index % 25 == 24;
        var nullFraction = allNull ? 1.0 : Math.Round(random.NextDouble() * random.NextDouble() * 0.3, 6);
        var nulls = (long)(rows * nullFraction);
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("type", kind switch
        {
            "string" => "string",
            "boolean" => "boolean",
            "temporal" => stem == "created_at" ? "timestamp" : "date",
            _ => stem == "latency_ms" ? "int64" : "double",
        });
        w.WriteString("kind", kind);
        w.WriteNumber("count", rows);
        w.WriteNumber("nulls", nulls);
        w.WriteNumber("null_fraction", nullFraction);
        w.WriteNumber("empty", 0);
        if (allNull)
        {
            w.WriteNumber("distinct", 0);
            w.WriteBoolean("distinct_exact", true);
            w.WriteStartArray("warnings");
            w.WriteStringValue("all values are null");
            w.WriteEndArray();
            w.WriteEndObject();
            return name;
        }
        w.WriteNumber("distinct", random.Next(2, 2_000_000));
        w.WriteBoolean("distinct_exact", false);
        w.WriteBoolean("unique", false);
        switch (kind)
        {
            case "numeric":
                WriteNumeric(w, random);
                break;
            case "string":
                WriteString(w, random, stem);
                break;
            case "boolean":
                var t = random.NextInt64(rows - nulls);
                w.WriteNumber("true_count", t);
                w.WriteNumber("false_count", rows - nulls - t);
                break;
            default:
                WriteTemporal(w, random, stem == "created_at");
                break;
        }
        if (stem == "email")
        {
            w.WriteString("semantic_type", "email");
            w.WriteNumber("semantic_confidence", 0.96);
            w.WriteBoolean("pii", true);
            w.WriteStartArray("semantic_evidence");
            w.WriteStringValue("header 'email' matches");
            w.WriteStringValue("98.7% match the e-mail pattern");
            w.WriteEndArray();
        }
        w.WriteEndObject();
        return name;
    }

    private static void WriteNumeric(Utf8JsonWriter w, Random random)
    {
        var scale = Math.Pow(10, random.Next(0, 6));
        var mean = random.NextDouble() * scale;
        var sd = mean * (0.1 + random.NextDouble());
        var values = new double[101];
        for (var i = 0; i < values.Length; i++)
            values[i] = mean + sd * NormalQuantile((i + 0.5) / 101.5);
        w.WriteNumber("min", values[0] - sd);
        w.WriteNumber("max", values[100] + sd);
        w.WriteNumber("mean", mean);
        w.WriteNumber("stddev", sd);
        w.WriteNumber("skewness", random.NextDouble() * 2 - 1);
        w.WriteNumber("kurtosis", 3 + random.NextDouble());
        w.WriteNumber("sum", mean * 2_400_000);
        w.WriteNumber("zeros", random.Next(1000));
        w.WriteNumber("negatives", random.Next(1000));
        w.WriteStartObject("quantiles");
        foreach (var p in new[] { 1, 5, 25, 50, 75, 95, 99 })
            w.WriteNumber("p" + p.ToString(CultureInfo.InvariantCulture), values[p]);
        w.WriteEndObject();
        w.WriteStartArray("percentiles");
        foreach (var v in values)
            w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteStartObject("histogram");
        w.WriteStartArray("bins");
        var lo = values[0] - sd;
        var width = (values[100] - values[0] + 2 * sd) / 20;
        for (var b = 0; b < 20; b++)
        {
            var z = (lo + (b + 0.5) * width - mean) / sd;
            w.WriteStartObject();
            w.WriteNumber("lower", lo + b * width);
            w.WriteNumber("upper", lo + (b + 1) * width);
            w.WriteNumber("count", (long)(120_000 * Math.Exp(-z * z / 2)));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        WriteTopValues(w, random, i => Math.Round(mean + sd * (i - 5) / 10, 2).ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteString(Utf8JsonWriter w, Random random, string stem)
    {
        w.WriteString("min", stem + "_a");
        w.WriteString("max", stem + "_z");
        WriteTopValues(w, random, i => $"{stem}-{random.Next(100000):D5}");
        w.WriteStartObject("length");
        w.WriteNumber("min", 3);
        w.WriteNumber("max", 40);
        w.WriteNumber("mean", Math.Round(8 + random.NextDouble() * 10, 2));
        w.WriteEndObject();
        w.WriteStartArray("patterns");
        foreach (var pattern in new[] { "aaaa-99999", "Aaaa-99999", "aaaa_aaa", "AAA", "a9" })
        {
            w.WriteStartObject();
            w.WriteString("pattern", pattern);
            w.WriteNumber("count", random.Next(1000, 500_000));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteTemporal(Utf8JsonWriter w, Random random, bool timestamps)
    {
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(300));
        string Iso(DateTime d) => timestamps ? d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = start.AddDays(365);
        w.WriteString("min", Iso(start));
        w.WriteString("max", Iso(end));
        w.WriteStartObject("histogram");
        w.WriteStartArray("bins");
        for (var b = 0; b < 12; b++)
        {
            w.WriteStartObject();
            w.WriteString("lower", Iso(start.AddMonths(b)));
            w.WriteString("upper", Iso(start.AddMonths(b + 1)));
            w.WriteNumber("count", random.Next(150_000, 250_000));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("temporal");
        w.WriteString("min", Iso(start));
        w.WriteString("max", Iso(end));
        w.WriteNumber("distinct_days", 360);
        w.WriteStartObject("largest_gap");
        w.WriteString("from", Iso(start.AddDays(40)));
        w.WriteString("to", Iso(start.AddDays(43)));
        w.WriteNumber("days", 3);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTopValues(Utf8JsonWriter w, Random random, Func<int, string> value)
    {
        w.WriteStartArray("top_values");
        var count = 90_000;
        for (var i = 0; i < 10; i++)
        {
            w.WriteStartObject();
            w.WriteString("value", value(i));
            w.WriteNumber("count", count);
            w.WriteEndObject();
            count -= random.Next(1000, 8000);
        }
        w.WriteEndArray();
        w.WriteBoolean("top_values_exact", false);
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation; plenty for synthetic data).</summary>
    private static double NormalQuantile(double p)
    {
        double[] a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239];
        double[] b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
        double[] c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
        double[] d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425)
            return -NormalQuantile(1 - p);
        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
