using System.Text;
using System.Xml;

namespace DatumSync.Data.Formats.Xml;

/// <summary>
/// One open pass over an XML source: the raw stream (counted, for progress), the first bytes (for the encoding and
/// DOCTYPE notes) and a forward-only <see cref="System.Xml.XmlReader"/> with safe settings.
/// </summary>
/// <remarks>
/// Safety: <see cref="DtdProcessing.Ignore"/> skips any DTD without reading it and the resolver is null, so no
/// external entity, DTD or schema is ever fetched (no XXE) and no entity is ever expanded (no "billion laughs"); a
/// reference to an entity that only a DTD declares is then a clean error. Ignoring (rather than prohibiting) the DTD
/// lets the many exports that merely carry a <c>&lt;!DOCTYPE … SYSTEM "x.dtd"&gt;</c> line read normally.
/// </remarks>
internal sealed class XmlInput : IDisposable
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CheckCharacters = true,
        CloseInput = false,
        ConformanceLevel = ConformanceLevel.Document,
    };

    static XmlInput() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly Stream _stream;

    private XmlInput(CountingStream counting, Stream stream, XmlReader xml, string encoding, bool hasDoctype)
    {
        Counting = counting;
        _stream = stream;
        Xml = xml;
        Encoding = encoding;
        HasDoctype = hasDoctype;
    }

    /// <summary>The raw bytes, counted.</summary>
    public CountingStream Counting { get; }

    /// <summary>The parser.</summary>
    public XmlReader Xml { get; }

    /// <summary>The encoding name to report.</summary>
    public string Encoding { get; }

    /// <summary>Whether the document starts with a DOCTYPE (ignored).</summary>
    public bool HasDoctype { get; }

    /// <summary>The parser's current line, when it knows it.</summary>
    public long? Line => Xml is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    /// <summary>Opens <paramref name="source"/> and reads its head.</summary>
    /// <exception cref="DataFormatException">The source cannot be opened or read.</exception>
    public static XmlInput Open(DataSource source)
    {
        var raw = source.Open();
        var counting = new CountingStream(raw);
        try
        {
            var head = new byte[XmlHead.Bytes];
            var n = counting.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var stream = new PrefixedStream(head.AsMemory(0, n), counting);
            var xml = XmlReader.Create(stream, Settings);
            return new XmlInput(counting, stream, xml, XmlHead.Encoding(head.AsSpan(0, n)), XmlHead.HasDoctype(head.AsSpan(0, n)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            counting.Dispose();
            throw new DataFormatException(source.Name, $"cannot read: {e.Message}", inner: e);
        }
        catch (XmlException e)
        {
            counting.Dispose();
            throw XmlErrors.Malformed(source.Name, e);
        }
        catch
        {
            counting.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Xml.Dispose();
        _stream.Dispose();
    }
}
