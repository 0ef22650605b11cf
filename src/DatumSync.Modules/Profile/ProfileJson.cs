using System.Text.Encodings.Web;
using System.Text.Json;

namespace DatumSync.Modules.Profile;

/// <summary>The one way a <see cref="ProfileReport"/> becomes JSON (CLI, job output and HTML page all use it).</summary>
public static class ProfileJson
{
    /// <summary>Indented, non-ASCII kept as is; the key names come from the report's attributes.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as UTF-8 JSON.</summary>
    public static byte[] Serialize(ProfileReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Options);

    /// <summary>Checks that <paramref name="baselineJson"/> is a profile report (so a bad baseline fails before the profile runs).</summary>
    /// <exception cref="FormatException">It is not.</exception>
    public static void CheckBaseline(ReadOnlySpan<byte> baselineJson)
    {
        try
        {
            var reader = new Utf8JsonReader(baselineJson);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array)
                throw new FormatException("expected an object with 'rows' and 'columns'");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>Adds a comparison with the baseline report <paramref name="baselineJson"/> (UTF-8 JSON).</summary>
    /// <exception cref="FormatException">The baseline is not a profile report.</exception>
    public static ProfileReport WithComparison(ProfileReport report, ReadOnlySpan<byte> baselineJson, string baselineName)
    {
        ArgumentNullException.ThrowIfNull(report);
        JsonDocument baseline;
        try
        {
            var reader = new Utf8JsonReader(baselineJson);
            baseline = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }
        using (baseline)
        {
            using var current = JsonDocument.Parse(Serialize(report with { Comparison = null }));
            return report with { Comparison = ProfileComparison.Compare(baseline.RootElement, current.RootElement, baselineName) };
        }
    }
}
