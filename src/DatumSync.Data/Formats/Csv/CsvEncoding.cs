using System.Text;
using System.Text.Unicode;

namespace DatumSync.Data.Formats.Csv;

/// <summary>
/// Detects a text file's encoding from its first bytes and turns the file into a UTF-8 byte stream, the one form
/// the scanner reads. UTF-8 passes through untouched (the fast path); everything else is transcoded on the fly.
/// </summary>
internal static class CsvEncoding
{
    static CsvEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Detects the encoding: BOM first, then UTF-16 by its zero bytes, then UTF-8 validity, else Windows-1252.</summary>
    /// <param name="head">The first bytes of the file.</param>
    /// <param name="isWholeFile">Whether <paramref name="head"/> is the entire file (so a cut multi-byte sequence at
    /// its end is a real error, not the sample boundary).</param>
    /// <returns>The name to report and the number of BOM bytes to skip.</returns>
    public static (string Name, int BomLength) Detect(ReadOnlySpan<byte> head, bool isWholeFile)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return ("utf-8-bom", 3);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
            return ("utf-32le", 4);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return ("utf-16le", 2);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return ("utf-16be", 2);
        if (LooksLikeUtf16(head, out var bigEndian))
            return (bigEndian ? "utf-16be" : "utf-16le", 0);
        var sample = head;
        if (!isWholeFile)
        {
            // Do not judge a multi-byte sequence the sample boundary cut in two.
            var cut = Math.Max(0, sample.Length - 4);
            while (cut < sample.Length && (sample[cut] & 0xC0) == 0x80)
                cut++;
            var trail = sample.Length - 1;
            while (trail > cut && (sample[trail] & 0xC0) == 0x80)
                trail--;
            sample = sample[..(sample.Length > 0 && sample[trail] >= 0xC0 ? trail : sample.Length)];
        }
        return Utf8.IsValid(sample) ? ("utf-8", 0) : ("windows-1252", 0);
    }

    /// <summary>The .NET encoding for a name users may pass with <c>--encoding</c>.</summary>
    /// <exception cref="DataFormatException">Unknown name.</exception>
    public static Encoding Resolve(string name, string source) => Normalize(name) switch
    {
        "utf-8" or "utf8" or "utf-8-bom" => new UTF8Encoding(false),
        "utf-16le" or "utf-16" or "unicode" => new UnicodeEncoding(false, false),
        "utf-16be" => new UnicodeEncoding(true, false),
        "utf-32le" or "utf-32" => new UTF32Encoding(false, false),
        "latin1" or "latin-1" or "iso-8859-1" => Encoding.Latin1,
        "windows-1252" or "cp1252" or "ansi" => Encoding.GetEncoding(1252),
        var other => TryGet(other) ?? throw new DataFormatException(source, $"unknown encoding '{name}'; expected utf-8, utf-16le, utf-16be, windows-1252, latin1 or another code page name"),
    };

    /// <summary>Whether the name means UTF-8 (no transcoding).</summary>
    public static bool IsUtf8(string name) => Normalize(name) is "utf-8" or "utf8" or "utf-8-bom";

    /// <summary>The bytes of <paramref name="raw"/> (already past any BOM) as UTF-8.</summary>
    public static Stream ToUtf8(Stream raw, string encodingName, string source)
        => IsUtf8(encodingName) ? raw : Encoding.CreateTranscodingStream(raw, Resolve(encodingName, source), new UTF8Encoding(false), leaveOpen: false);

    private static string Normalize(string name) => name.Trim().ToLowerInvariant().Replace('_', '-');

    private static Encoding? TryGet(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head, out bool bigEndian)
    {
        bigEndian = false;
        var n = Math.Min(head.Length, 4096) & ~1;
        if (n < 4)
            return false;
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < n; i += 2)
        {
            if (head[i] == 0)
                evenZeros++;
            if (head[i + 1] == 0)
                oddZeros++;
        }
        var pairs = n / 2;
        // ASCII-heavy UTF-16 text has a zero in nearly every pair, always on the same side.
        if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05)
            return true;
        if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05)
        {
            bigEndian = true;
            return true;
        }
        return false;
    }
}
