using System.Runtime.InteropServices;
using System.Xml;

namespace DatumSync.Data.Formats.Xml;

/// <summary>
/// Finds the record element of a document from its first part: the element name that repeats most often among the
/// children of one parent element (<c>&lt;orders&gt;&lt;order/&gt;&lt;order/&gt;…</c> → <c>order</c>).
/// </summary>
/// <remarks>
/// Counting per parent <em>instance</em> (not per name across the document) keeps small lists inside each record
/// (three <c>&lt;item&gt;</c>s per order) from outvoting the records themselves (all the orders under one
/// <c>&lt;orders&gt;</c>). Ties go to the shallower element, then to the one seen first. Only the first
/// <see cref="MaxBytes"/> bytes or <see cref="MaxElements"/> elements are read, so detection costs the same on any
/// size of file.
/// </remarks>
internal static class XmlRecordDetector
{
    /// <summary>Bytes of the source read at most.</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>Elements read at most.</summary>
    public const int MaxElements = 50_000;

    /// <summary>The detected record element.</summary>
    /// <param name="Name">Its local name.</param>
    /// <param name="Parent">Its parent's path (<c>/orders</c>).</param>
    /// <param name="Count">How often it repeats under that parent.</param>
    /// <param name="WholeDocument">Whether the whole document was read.</param>
    public sealed record Result(string Name, string Parent, int Count, bool WholeDocument)
    {
        /// <summary>How the element was found, for diagnostics.</summary>
        public string Describe() => $"detection: repeats {Count} times under {Parent}"
            + (WholeDocument ? "" : $" in the first {MaxBytes >> 20} MiB or {MaxElements} elements");
    }

    /// <summary>What <see cref="Detect"/> saw when no element repeats: for the error message.</summary>
    /// <param name="Root">The root element's name, if any.</param>
    /// <param name="WholeDocument">Whether the whole document was read.</param>
    public sealed record NotFound(string? Root, bool WholeDocument);

    private struct Seen
    {
        public int Count;
        public int Order;
    }

    private sealed class Frame(string path, int depth)
    {
        public string Path { get; } = path;

        public int Depth { get; } = depth;

        public Dictionary<string, Seen>? Children { get; set; }
    }

    private readonly record struct Candidate(string Name, string Parent, int Count, int Depth, int Order);

    /// <summary>Reads the head of the document and picks the record element.</summary>
    /// <exception cref="DataFormatException">The head is malformed.</exception>
    public static (Result? Found, NotFound Missing) Detect(XmlInput input, string sourceName)
    {
        var xml = input.Xml;
        var frames = new List<Frame> { new("", 0) };
        Candidate? best = null;
        string? root = null;
        var elements = 0;
        var whole = true;
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element)
                {
                    var name = xml.LocalName;
                    root ??= name;
                    var parent = frames[^1];
                    parent.Children ??= new Dictionary<string, Seen>(StringComparer.Ordinal);
                    ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(parent.Children, name, out var existed);
                    if (!existed)
                        seen.Order = elements;
                    seen.Count++;
                    elements++;
                    if (!xml.IsEmptyElement)
                        frames.Add(new Frame(parent.Path + "/" + name, parent.Depth + 1));
                    if (elements >= MaxElements || input.Counting.BytesRead >= MaxBytes)
                    {
                        whole = false;
                        break;
                    }
                }
                else if (xml.NodeType == XmlNodeType.EndElement && frames.Count > 1)
                {
                    Consider(frames[^1], ref best);
                    frames.RemoveAt(frames.Count - 1);
                }
            }
        }
        catch (XmlException e)
        {
            throw XmlErrors.Malformed(sourceName, e);
        }
        catch (IOException e)
        {
            throw XmlErrors.Unreadable(sourceName, e);
        }
        foreach (var open in frames)
            Consider(open, ref best);
        var missing = new NotFound(root, whole);
        return best is { } b ? (new Result(b.Name, b.Parent.Length == 0 ? "/" : b.Parent, b.Count, whole), missing) : (null, missing);
    }

    private static void Consider(Frame frame, ref Candidate? best)
    {
        if (frame.Children is null)
            return;
        foreach (var (name, seen) in frame.Children)
        {
            if (seen.Count < 2)
                continue;
            var candidate = new Candidate(name, frame.Path, seen.Count, frame.Depth + 1, seen.Order);
            if (best is not { } b
                || candidate.Count > b.Count
                || (candidate.Count == b.Count && (candidate.Depth < b.Depth || (candidate.Depth == b.Depth && candidate.Order < b.Order))))
                best = candidate;
        }
    }
}
