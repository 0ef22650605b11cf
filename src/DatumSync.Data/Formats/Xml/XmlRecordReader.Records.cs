using System.Text;
using System.Xml;

namespace DatumSync.Data.Formats.Xml;

// Parsing: one record element → (column, text) values → one row of raw cells.
public sealed partial class XmlRecordReader
{
    private const int MaxDepth = 256;
    private const int MaxChunkBytes = 256 << 20;
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private readonly XmlPathNode _root;
    private readonly List<XmlPathNode> _columnNodes = [];
    private readonly StringBuilder _json = new();
    private bool _schemaFixed;
    private long _recordsRead;
    private long _currentRecord;
    private string? _recordNamespace;
    private bool _recordNamespaceReported;

    // The open elements of the record being read; [0] is the record element.
    private Frame[] _frames = new Frame[16];
    private int _depth;

    // The record's values in document order, then grouped by column (stamped per record, no clearing).
    private (int Column, string? Text)[] _values = new (int, string?)[64];
    private int _valueCount;
    private long _stamp;
    private long[] _columnStamp = [];
    private int[] _columnFirst = [];
    private bool[] _columnRepeats = [];
    private long[] _repeatedFirst = [];

    private struct Frame
    {
        public XmlPathNode? Node;
        public string Name;
        public string? Text;
        public bool HadChild;
        public bool HadAttribute;
        public bool Nil;
    }

    /// <summary>Reads the next record into <paramref name="chunk"/>; false at the end of the document.</summary>
    /// <exception cref="DataFormatException">Malformed XML, or a value with no column after the sample.</exception>
    private bool ReadRecord(XmlRecordChunk chunk)
    {
        var xml = _input.Xml;
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && string.Equals(xml.LocalName, _recordName, StringComparison.Ordinal))
                {
                    _currentRecord = ++_recordsRead;
                    var line = _input.Line ?? 0;
                    ParseRecord(xml);
                    FinishRecord(chunk, line);
                    _currentRecord = 0;
                    return true;
                }
            }
            return false;
        }
        catch (XmlException e)
        {
            throw XmlErrors.Malformed(_source.Name, e, _currentRecord > 0 ? _currentRecord : null);
        }
        catch (IOException e)
        {
            throw XmlErrors.Unreadable(_source.Name, e);
        }
    }

    private void ParseRecord(XmlReader xml)
    {
        if (!string.Equals(_recordNamespace ??= xml.NamespaceURI, xml.NamespaceURI, StringComparison.Ordinal) && !_recordNamespaceReported)
        {
            _recordNamespaceReported = true;
            Warn($"record elements <{_recordName}> come from namespaces {Show(_recordNamespace)} and {Show(xml.NamespaceURI)}; both are read as records (names are matched by local name)");
        }
        _valueCount = 0;
        _depth = 0;
        Push(_root, _recordName);
        ReadAttributes(xml);
        if (xml.IsEmptyElement)
        {
            EndElement();
            return;
        }
        while (_depth > 0)
        {
            if (!xml.Read())
                throw new DataFormatException(_source.Name, $"the document ends inside <{_recordName}> (is the file truncated?)", row: _currentRecord);
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    ref var parent = ref _frames[_depth - 1];
                    parent.HadChild = true;
                    var name = xml.LocalName;
                    var node = parent.Node is null ? null : _schemaFixed ? parent.Node.FindElement(name) : parent.Node.GetOrAddElement(name);
                    if (node is not null)
                        CheckNamespace(node, xml.NamespaceURI);
                    if (_depth >= MaxDepth)
                        throw new DataFormatException(_source.Name, $"elements are nested more than {MaxDepth} levels deep inside <{_recordName}>", row: _currentRecord, line: _input.Line);
                    Push(node, name);
                    ReadAttributes(xml);
                    if (xml.IsEmptyElement)
                        EndElement();
                    break;
                case XmlNodeType.EndElement:
                    EndElement();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    AppendText(xml.Value);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // Indentation between child elements is not text; whitespace after real text is part of it.
                    if (_frames[_depth - 1].Text is not null)
                        AppendText(xml.Value);
                    break;
            }
        }
    }

    private void Push(XmlPathNode? node, string name)
    {
        if (_depth == _frames.Length)
            Array.Resize(ref _frames, _frames.Length * 2);
        _frames[_depth++] = new Frame { Node = node, Name = name };
    }

    private void AppendText(string text)
    {
        ref var frame = ref _frames[_depth - 1];
        frame.Text = frame.Text is null ? text : string.Concat(frame.Text, text);
    }

    private void ReadAttributes(XmlReader xml)
    {
        if (!xml.HasAttributes)
            return;
        var index = _depth - 1;
        while (xml.MoveToNextAttribute())
        {
            var ns = xml.NamespaceURI;
            if (ns == XmlnsNamespace)
                continue;
            var name = xml.LocalName;
            if (ns == XsiNamespace)
            {
                // xsi:nil marks a null element; xsi:type and schema locations describe, they are not data.
                if (name == "nil" && xml.Value.Trim() is "true" or "1")
                    _frames[index].Nil = true;
                continue;
            }
            _frames[index].HadAttribute = true;
            var owner = _frames[index].Node;
            var node = owner is null ? null : _schemaFixed ? owner.FindAttribute(name) : owner.GetOrAddAttribute(name);
            if (node is not null)
                CheckNamespace(node, ns);
            var value = xml.Value;
            AddValue(node, string.IsNullOrWhiteSpace(value) ? null : value, index, name);
        }
        xml.MoveToElement();
    }

    private void EndElement()
    {
        var index = --_depth;
        ref var frame = ref _frames[index];
        if (frame.Nil)
            AddValue(frame.Node, null, index, null);
        else if (!string.IsNullOrWhiteSpace(frame.Text))
            AddValue(frame.Node, frame.Text, index, null);
        else if (!frame.HadChild && !frame.HadAttribute && index > 0)
            AddValue(frame.Node, null, index, null); // an empty element: a null, and a column in the sample
        frame = default;
    }

    /// <summary>Records a value (null: present but empty) of the place <paramref name="node"/>.</summary>
    private void AddValue(XmlPathNode? node, string? text, int frame, string? attribute)
    {
        if (node is null || node.Column < 0)
        {
            if (!_schemaFixed)
                node!.Column = NewColumn(node);
            else if (text is null)
                return; // a null where the sample had no column loses nothing
            else
                throw NewPlace(frame, attribute);
        }
        if (_valueCount == _values.Length)
            Array.Resize(ref _values, _values.Length * 2);
        _values[_valueCount++] = (node.Column, text);
    }

    private int NewColumn(XmlPathNode node)
    {
        _columnNodes.Add(node);
        var count = _columnNodes.Count;
        if (count > _repeatedFirst.Length)
        {
            Array.Resize(ref _repeatedFirst, Math.Max(16, count * 2));
            ResizeColumnScratch(_repeatedFirst.Length);
        }
        return count - 1;
    }

    private void ResizeColumnScratch(int count)
    {
        _columnStamp = new long[count];
        _columnFirst = new int[count];
        _columnRepeats = new bool[count];
    }

    /// <summary>Moves the record's values into <paramref name="chunk"/>: one cell per column, repeats as a JSON array.</summary>
    private void FinishRecord(XmlRecordChunk chunk, long line)
    {
        var stamp = ++_stamp;
        for (var i = 0; i < _valueCount; i++)
        {
            var c = _values[i].Column;
            if (_columnStamp[c] != stamp)
            {
                _columnStamp[c] = stamp;
                _columnFirst[c] = i;
                _columnRepeats[c] = false;
            }
            else
            {
                _columnRepeats[c] = true;
            }
        }
        for (var i = 0; i < _valueCount; i++)
        {
            var c = _values[i].Column;
            if (_columnFirst[c] != i)
                continue;
            string? text;
            if (_columnRepeats[c])
            {
                text = JsonArray(c, i);
                if (_repeatedFirst[c] == 0)
                    _repeatedFirst[c] = _currentRecord;
            }
            else
            {
                text = _values[i].Text;
            }
            if (text is null)
                continue;
            chunk.Add(c, text);
            if (!_schemaFixed)
                _columnNodes[c].HasValue = true;
        }
        Array.Clear(_values, 0, _valueCount);
        chunk.EndRecord(line);
    }

    /// <summary>The texts of column <paramref name="column"/> in this record, from value <paramref name="first"/> on, as a JSON array.</summary>
    private string JsonArray(int column, int first)
    {
        var sb = _json.Clear().Append('[');
        for (var i = first; i < _valueCount; i++)
        {
            if (_values[i].Column != column)
                continue;
            if (sb.Length > 1)
                sb.Append(',');
            if (_values[i].Text is not { } text)
            {
                sb.Append("null");
                continue;
            }
            sb.Append('"');
            foreach (var ch in text)
            {
                switch (ch)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case < ' ': sb.Append("\\u").Append(((int)ch).ToString("x4")); break;
                    default: sb.Append(ch); break;
                }
            }
            sb.Append('"');
        }
        return sb.Append(']').ToString();
    }

    private void CheckNamespace(XmlPathNode node, string ns)
    {
        if (node.NamespaceUri is null)
        {
            node.NamespaceUri = ns;
            return;
        }
        if (node.NamespaceClashReported || string.Equals(node.NamespaceUri, ns, StringComparison.Ordinal))
            return;
        node.NamespaceClashReported = true;
        Warn($"{node.Describe()} occurs in namespaces {Show(node.NamespaceUri)} and {Show(ns)}; names are matched by local name, so both fill one column (two values in one record are kept as a JSON array)");
    }

    /// <summary>The error for a value at a place that has no column because the sample never had one.</summary>
    private DataFormatException NewPlace(int frame, string? attribute)
    {
        var names = new List<string>(frame + 1);
        for (var i = 0; i <= frame; i++)
            names.Add(_frames[i].Name);
        var column = string.Join('.', names.Skip(1).Append(attribute).OfType<string>());
        var what = attribute is null ? $"element <{names[^1]}>" : $"attribute '{attribute}' of <{names[^1]}>";
        return new DataFormatException(_source.Name,
            $"{what} ({XmlPathNode.Describe(names, attribute)}) has a value, but the first {_sampleRecords} records, from which the columns were taken, did not; pass a larger --infer-rows so the sample includes it",
            row: _currentRecord, column: column.Length == 0 ? _recordName : column, line: _input.Line);
    }

    private void Warn(string message)
    {
        lock (_warnings)
            _warnings.Add(message);
    }

    private static string Show(string ns) => ns.Length == 0 ? "(none)" : $"'{ns}'";
}
