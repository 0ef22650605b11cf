namespace DatumSync.Data.Formats.Xml;

/// <summary>What the first bytes of a document say: whether it is XML, its encoding, whether it has a DTD.</summary>
internal static class XmlHead
{
    /// <summary>Bytes read ahead of the parser (the XML declaration and any DOCTYPE are near the start).</summary>
    public const int Bytes = 4096;

    private enum Unit : byte
    {
        Byte,
        Utf16Le,
        Utf16Be,
    }

    /// <summary>70 when the first non-whitespace character is <c>&lt;</c> followed by a name, <c>?</c> or <c>!</c>.</summary>
    public static int Sniff(ReadOnlySpan<byte> head)
    {
        var (unit, position) = Layout(head);
        var first = Next(head, unit, ref position, skipWhitespace: true);
        if (first != '<')
            return 0;
        var second = Next(head, unit, ref position, skipWhitespace: false);
        return second is '?' or '!' or '_' or ':' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or > 127 ? 70 : 0;
    }

    /// <summary>The encoding name to report: from the byte order mark, the UTF-16 shape of <c>&lt;</c>, or the
    /// declaration's <c>encoding</c> (the parser decodes by the same rules); <c>utf-8</c> when none says.</summary>
    public static string Encoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return "utf-8-bom";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
            return "utf-32le";
        if (head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
            return "utf-32be";
        var (unit, _) = Layout(head);
        if (unit == Unit.Utf16Le)
            return "utf-16le";
        if (unit == Unit.Utf16Be)
            return "utf-16be";
        return DeclaredEncoding(head) ?? "utf-8";
    }

    /// <summary>Whether a <c>&lt;!DOCTYPE</c> appears in the head (its DTD is ignored, which users should know).</summary>
    public static bool HasDoctype(ReadOnlySpan<byte> head)
    {
        var (unit, _) = Layout(head);
        return unit switch
        {
            Unit.Utf16Le => head.IndexOf(System.Text.Encoding.Unicode.GetBytes("<!DOCTYPE")) >= 0,
            Unit.Utf16Be => head.IndexOf(System.Text.Encoding.BigEndianUnicode.GetBytes("<!DOCTYPE")) >= 0,
            _ => head.IndexOf("<!DOCTYPE"u8) >= 0,
        };
    }

    private static string? DeclaredEncoding(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith("<?xml"u8))
            return null;
        var end = head.IndexOf("?>"u8);
        var declaration = end < 0 ? head : head[..end];
        var at = declaration.IndexOf("encoding"u8);
        if (at < 0)
            return null;
        var rest = declaration[(at + "encoding".Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != '=')
            return null;
        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] is not ((byte)'"' or (byte)'\''))
            return null;
        var close = rest[1..].IndexOf(rest[0]);
        return close <= 0 ? null : System.Text.Encoding.ASCII.GetString(rest.Slice(1, close)).ToLowerInvariant();
    }

    private static (Unit Unit, int Start) Layout(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (Unit.Byte, 3);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Unit.Utf16Le, 2);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Unit.Utf16Be, 2);
        // Without a byte order mark, ASCII text in UTF-16 has a zero byte beside each character.
        if (head.Length >= 2 && head[0] != 0 && head[1] == 0)
            return (Unit.Utf16Le, 0);
        if (head.Length >= 2 && head[0] == 0 && head[1] != 0)
            return (Unit.Utf16Be, 0);
        return (Unit.Byte, 0);
    }

    /// <summary>The next character (ASCII range; anything else as is, 0 at the end).</summary>
    private static int Next(ReadOnlySpan<byte> head, Unit unit, ref int position, bool skipWhitespace)
    {
        while (true)
        {
            int c;
            switch (unit)
            {
                case Unit.Byte:
                    if (position >= head.Length)
                        return 0;
                    c = head[position++];
                    break;
                default:
                    if (position + 1 >= head.Length)
                        return 0;
                    c = unit == Unit.Utf16Le ? head[position] | (head[position + 1] << 8) : (head[position] << 8) | head[position + 1];
                    position += 2;
                    break;
            }
            if (!skipWhitespace || c is not (' ' or '\t' or '\r' or '\n'))
                return c;
        }
    }
}
