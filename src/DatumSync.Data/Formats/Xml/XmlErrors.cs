using System.Xml;

namespace DatumSync.Data.Formats.Xml;

/// <summary>Turns parser failures into <see cref="DataFormatException"/>s that name the file, line and position.</summary>
internal static class XmlErrors
{
    /// <summary>The error for malformed XML, inside record <paramref name="record"/> when that is known.</summary>
    public static DataFormatException Malformed(string source, XmlException e, long? record = null)
    {
        var message = e.Message;
        var suffix = $" Line {e.LineNumber}, position {e.LinePosition}.";
        if (message.EndsWith(suffix, StringComparison.Ordinal))
            message = message[..^suffix.Length];
        if (message.Contains("Unexpected end of file", StringComparison.Ordinal))
            message = "the document ends early (is the file truncated?): " + message;
        else if (message.Contains("undeclared entity", StringComparison.Ordinal))
            message += " DTDs are ignored for safety (no external fetches, no entity expansion), so entities they declare cannot be used.";
        var at = e.LinePosition > 0 ? $" at position {e.LinePosition}" : "";
        return new DataFormatException(source, $"malformed XML{at}: {message}", row: record, line: e.LineNumber > 0 ? e.LineNumber : null, inner: e);
    }

    /// <summary>The error for a read failure of the underlying stream.</summary>
    public static DataFormatException Unreadable(string source, IOException e) => new(source, $"cannot read: {e.Message}", inner: e);
}
