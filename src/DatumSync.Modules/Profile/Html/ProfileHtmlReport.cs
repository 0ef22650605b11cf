using System.Text;

namespace DatumSync.Modules.Profile.Html;

/// <summary>Writes a profile report (its JSON form, see <c>docs/profile-report.schema.json</c>) as one self-contained HTML page.</summary>
public static class ProfileHtmlReport
{
    /// <summary>Writes the page for <paramref name="reportJson"/> (UTF-8 JSON of the report) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> reportJson)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Placeholder until the report page lands: the JSON, escaped, in a <pre>.
        var text = System.Net.WebUtility.HtmlEncode(Encoding.UTF8.GetString(reportJson));
        output.Write(Encoding.UTF8.GetBytes($"<!doctype html><meta charset=\"utf-8\"><title>Profile</title><pre>{text}</pre>"));
    }
}
