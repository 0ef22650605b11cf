namespace DatumSync.Data.Formats.Json;

/// <summary>Scores how much the head of a source looks like a JSON array of objects or like NDJSON.</summary>
internal static class JsonSniffer
{
    /// <summary>The score for a format that is surely this one but has no magic number.</summary>
    public const int Likely = 80;

    /// <summary>JSON array of objects (<c>[{</c>) → 80; an object document (<c>{</c> not laid out as NDJSON) → 70;
    /// <c>[]</c> → 40; NDJSON content → 40 (the JSON reader reads it too); other arrays → 10.</summary>
    public static int SniffArray(ReadOnlySpan<byte> head)
    {
        head = SkipSpace(SkipBom(head));
        if (head.IsEmpty)
            return 0;
        if (head[0] == '[')
        {
            var next = SkipSpace(head[1..]);
            return next.IsEmpty ? 10 : next[0] == '{' ? Likely : next[0] == ']' ? 40 : 10;
        }
        if (head[0] == '{')
            return CountObjectLines(head, out _) >= 2 ? 40 : 70;
        return 0;
    }

    /// <summary>Several lines that each hold an object → 80; one such line → 50; an object spread over lines
    /// (pretty-printed JSON) → 5; anything else → 0.</summary>
    public static int SniffLines(ReadOnlySpan<byte> head)
    {
        head = SkipSpace(SkipBom(head));
        if (head.IsEmpty || head[0] != '{')
            return 0;
        var objects = CountObjectLines(head, out var other);
        return other ? (objects >= 2 ? 30 : 5) : objects >= 2 ? Likely : objects == 1 ? 50 : 5;
    }

    /// <summary>Counts complete non-blank lines that start with <c>{</c> and end with <c>}</c>; a line that does not
    /// is flagged in <paramref name="other"/>. The last line counts only when it ends with <c>}</c>, since the head
    /// may cut it short.</summary>
    private static int CountObjectLines(ReadOnlySpan<byte> head, out bool other)
    {
        var objects = 0;
        other = false;
        while (!head.IsEmpty)
        {
            var nl = head.IndexOf((byte)'\n');
            var line = (nl < 0 ? head : head[..nl]).Trim(" \t\r"u8);
            var complete = nl >= 0;
            head = nl < 0 ? [] : head[(nl + 1)..];
            if (line.IsEmpty)
                continue;
            if (line[0] == '{' && line[^1] == '}')
                objects++;
            else if (complete)
                other = true;
        }
        return objects;
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> head)
        => head.StartsWith("\uFEFF"u8) ? head[3..] : head;

    private static ReadOnlySpan<byte> SkipSpace(ReadOnlySpan<byte> head) => head.TrimStart(" \t\r\n"u8);
}
