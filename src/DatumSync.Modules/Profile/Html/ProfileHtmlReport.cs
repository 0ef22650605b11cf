using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DatumSync.Modules.Profile.Html;

/// <summary>Writes a profile report (its JSON form, see <c>PROFILE_JSON.md</c>) as one self-contained HTML page.</summary>
/// <remarks>
/// The page is a fixed template (<c>profile.html</c>, <c>profile.css</c>, <c>profile.js</c>, embedded resources next
/// to this file) with the report JSON inlined in a <c>&lt;script type="application/json"&gt;</c> block; the page's
/// own script draws everything from it in the browser. Embedding the JSON once, instead of rendering HTML for every
/// column on the server, keeps a 500-column page near the size of its JSON and lets it open before the details of
/// any column are built. A Content-Security-Policy with the hashes of the page's own style and script forbids
/// every network request and any other script.
/// </remarks>
public static class ProfileHtmlReport
{
    private static readonly Lazy<Template> LazyTemplate = new(Template.Load);

    /// <summary>Writes the page for <paramref name="reportJson"/> (UTF-8 JSON of the report) to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="reportJson"/> is not valid UTF-8 JSON.</exception>
    public static void Write(Stream output, ReadOnlySpan<byte> reportJson)
    {
        ArgumentNullException.ThrowIfNull(output);
        var source = Validate(reportJson);
        var t = LazyTemplate.Value;
        var title = "Profile · " + (string.IsNullOrEmpty(source) ? "report" : source);

        output.Write(t.BeforeTitle);
        output.Write(Encoding.UTF8.GetBytes(EncodeTitle(title)));
        output.Write(t.BeforeJson);
        WriteEscapedJson(output, reportJson);
        output.Write(t.AfterJson);
    }

    /// <summary>Text for the <c>&lt;title&gt;</c>: markup characters encoded, line breaks and controls as spaces.</summary>
    private static string EncodeTitle(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => sb.Append(' '),
                _ => sb.Append(c),
            };
        }
        return sb.ToString();
    }

    /// <summary>Checks that the input is one well-formed JSON value in valid UTF-8 (escaping below relies on
    /// it) and returns the top-level <c>source</c> string for the page title, if any.</summary>
    private static string? Validate(ReadOnlySpan<byte> reportJson)
    {
        if (!Utf8.IsValid(reportJson))
            throw new ArgumentException("The profile report is not valid UTF-8.", nameof(reportJson));
        string? source = null;
        var reader = new Utf8JsonReader(reportJson, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("source"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                        source = reader.GetString();
                    else
                        reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The profile report is not valid JSON: {e.Message}", nameof(reportJson), e);
        }
        if (reader.BytesConsumed == 0)
            throw new ArgumentException("The profile report is empty.", nameof(reportJson));
        return source;
    }

    // Outside strings only whitespace is dropped ('<' and U+2028/9 cannot occur there in valid JSON); inside
    // strings the quote, the backslash, '<' and the lead byte of U+2028/U+2029 (E2) need a look.
    private static readonly SearchValues<byte> OutsideString = SearchValues.Create("\" \t\r\n"u8);
    private static readonly SearchValues<byte> InsideString = SearchValues.Create([(byte)'"', (byte)'\\', (byte)'<', 0xE2]);

    /// <summary>
    /// Copies the (validated) JSON without insignificant whitespace, with every <c>&lt;</c> written as
    /// <c>\u003c</c> and U+2028/U+2029 as <c>\u2028</c>/<c>\u2029</c>.
    /// </summary>
    /// <remarks>
    /// These characters occur only inside strings, where the escapes mean the same characters, so
    /// <c>JSON.parse</c> gives back the exact report. With no <c>&lt;</c> left, the HTML parser cannot see
    /// <c>&lt;/script</c> or <c>&lt;!--</c> inside the data block whatever the column names hold; the line
    /// separators are escaped so the block stays safe to paste into JavaScript too. Indented input is compacted
    /// because the JSON is most of a wide report's page.
    /// </remarks>
    private static void WriteEscapedJson(Stream output, ReadOnlySpan<byte> json)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length + 64);
        var inString = false;
        while (!json.IsEmpty)
        {
            var i = json.IndexOfAny(inString ? InsideString : OutsideString);
            if (i < 0)
            {
                buffer.Write(json);
                break;
            }
            buffer.Write(json[..i]);
            var b = json[i];
            var consumed = 1;
            if (b == (byte)'"')
            {
                buffer.Write("\""u8);
                inString = !inString;
            }
            else if (!inString)
            {
                // whitespace between tokens: dropped
            }
            else if (b == (byte)'\\')
            {
                // An escape pair is copied whole, so an escaped quote does not end the string.
                consumed = 2;
                buffer.Write(json.Slice(i, 2));
            }
            else if (b == (byte)'<')
            {
                buffer.Write(@"\u003c"u8);
            }
            else if (json.Length >= i + 3 && json[i + 1] == 0x80 && json[i + 2] is 0xA8 or 0xA9)
            {
                consumed = 3;
                buffer.Write(json[i + 2] == 0xA8 ? @"\u2028"u8 : @"\u2029"u8);
            }
            else
            {
                buffer.Write(json.Slice(i, 1));
            }
            json = json[(i + consumed)..];
        }
        output.Write(buffer.WrittenSpan);
    }

    /// <summary>The page around the JSON, assembled once per process from the embedded resources.</summary>
    private sealed class Template
    {
        private Template(byte[] beforeTitle, byte[] beforeJson, byte[] afterJson)
        {
            BeforeTitle = beforeTitle;
            BeforeJson = beforeJson;
            AfterJson = afterJson;
        }

        public byte[] BeforeTitle { get; }

        public byte[] BeforeJson { get; }

        public byte[] AfterJson { get; }

        public static Template Load()
        {
            var html = ReadResource("profile.html");
            var css = Compact(ReadResource("profile.css"));
            var js = Compact(ReadResource("profile.js"));
            // The style and script are inlined raw: they must not end their own element early.
            if (css.Contains("</style", StringComparison.OrdinalIgnoreCase) || js.Contains("</script", StringComparison.OrdinalIgnoreCase) ||
                js.Contains("<!--", StringComparison.Ordinal))
                throw new InvalidOperationException("The profile page's CSS or JavaScript closes its own element.");
            var csp = "default-src 'none'; img-src data:; style-src " + Hash(css) + "; script-src " + Hash(js) +
                      "; base-uri 'none'; form-action 'none'";
            // Split on the markers first, so nothing in the inlined CSS or JS can be taken for a marker.
            var title = html.IndexOf("{{title}}", StringComparison.Ordinal);
            var json = html.IndexOf("{{json}}", StringComparison.Ordinal);
            if (title < 0 || json < title)
                throw new InvalidOperationException("The profile page template lacks its {{title}} or {{json}} marker.");
            string Fill(string part) => part.Replace("{{csp}}", csp, StringComparison.Ordinal)
                .Replace("{{css}}", css, StringComparison.Ordinal)
                .Replace("{{js}}", js, StringComparison.Ordinal);
            return new Template(
                Encoding.UTF8.GetBytes(Fill(html[..title])),
                Encoding.UTF8.GetBytes(Fill(html[(title + "{{title}}".Length)..json])),
                Encoding.UTF8.GetBytes(Fill(html[(json + "{{json}}".Length)..])));
        }

        /// <summary>
        /// Drops indentation, blank lines and comments that stand on lines of their own from the page's CSS and
        /// JavaScript: a quarter of their weight, with the sources in the repository kept readable. Nothing else
        /// changes (no renaming, no joining of lines), so the shipped script is still readable in the browser.
        /// </summary>
        private static string Compact(string text)
        {
            var sb = new StringBuilder(text.Length);
            var inBlockComment = false;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (inBlockComment)
                {
                    inBlockComment = !line.EndsWith("*/", StringComparison.Ordinal);
                    continue;
                }
                if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
                    continue;
                // A comment opening a line and closing at a line's end; one closing mid-line is kept as it is.
                if (line.StartsWith("/*", StringComparison.Ordinal))
                {
                    var close = line.IndexOf("*/", 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        inBlockComment = true;
                        continue;
                    }
                    if (close == line.Length - 2)
                        continue;
                }
                sb.Append(line).Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>A CSP source for an inline element: the SHA-256 of its text as UTF-8.</summary>
        private static string Hash(string text) =>
            "'sha256-" + System.Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))) + "'";

        private static string ReadResource(string name)
        {
            var fullName = typeof(ProfileHtmlReport).Namespace + "." + name;
            using var stream = typeof(ProfileHtmlReport).Assembly.GetManifestResourceStream(fullName)
                ?? throw new InvalidOperationException($"The embedded resource {fullName} is missing from the build.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            // Line endings as LF whatever the checkout did, so the CSP hashes match the inlined text exactly.
            return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        }
    }
}
