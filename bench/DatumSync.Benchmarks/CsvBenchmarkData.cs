using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace DatumSync.Benchmarks;

/// <summary>Shapes of the generated CSV.</summary>
public enum CsvShape
{
    /// <summary><c>id,amount,category,name,day,ts,active,qty</c>, LF endings, ~2% empty fields, a quoted name
    /// holding a comma and a newline every ~1000 rows.</summary>
    Typical,

    /// <summary>As <see cref="Typical"/> but category and name are always quoted (quote-heavy files).</summary>
    Quoted,

    /// <summary>As <see cref="Typical"/> with CRLF endings.</summary>
    Crlf,
}

/// <summary>Deterministic in-memory CSV (~16 MB) for the scanner benchmarks; the same bytes on every run.</summary>
public static class CsvBenchmarkData
{
    public const int TargetBytes = 16 * 1024 * 1024;

    private static readonly ConcurrentDictionary<CsvShape, byte[]> s_cache = new();

    private static readonly string[] s_categories = ["electronics", "books", "garden", "toys", "grocery", "sports", "home", "beauty"];
    private static readonly string[] s_first = ["Alice", "Bob", "Carla", "Dmitri", "Eve", "Farid", "Grace", "Hiro", "Ines", "José"];
    private static readonly string[] s_last = ["Smith", "Jones", "Müller", "Garcia", "Okafor", "Tanaka", "Novak", "Rossi", "Silva", "Chen"];

    public static byte[] Get(CsvShape shape) => s_cache.GetOrAdd(shape, Generate);

    private static byte[] Generate(CsvShape shape)
    {
        var random = new Random(20_240_315);
        var quoteText = shape == CsvShape.Quoted;
        var newline = shape == CsvShape.Crlf ? "\r\n" : "\n";
        var sb = new StringBuilder(TargetBytes + 256);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        sb.Append("id,amount,category,name,day,ts,active,qty").Append(newline);
        for (var id = 1_000_000; sb.Length < TargetBytes; id++)
        {
            var ts = start.AddSeconds(random.Next(0, 365 * 24 * 3600));
            var name = s_first[random.Next(s_first.Length)] + " " + s_last[random.Next(s_last.Length)];
            var category = s_categories[random.Next(s_categories.Length)];
            Field(sb, random, id.ToString(CultureInfo.InvariantCulture), ',');
            Field(sb, random, (random.Next(1, 1_000_000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture), ',');
            Field(sb, random, quoteText ? $"\"{category}\"" : category, ',');
            if (id % 1000 == 0)
                sb.Append("\"Last, First\nsecond line of ").Append(name).Append('"').Append(',');
            else
                Field(sb, random, quoteText ? $"\"{name}\"" : name, ',');
            Field(sb, random, ts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ',');
            Field(sb, random, ts.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), ',');
            Field(sb, random, random.Next(2) == 0 ? "true" : "false", ',');
            Field(sb, random, random.Next(0, 500).ToString(CultureInfo.InvariantCulture), null);
            sb.Append(newline);
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    // About 2% of fields are empty, as in real exports with missing values.
    private static void Field(StringBuilder sb, Random random, string value, char? delimiter)
    {
        if (random.Next(50) != 0)
            sb.Append(value);
        if (delimiter is { } d)
            sb.Append(d);
    }
}
