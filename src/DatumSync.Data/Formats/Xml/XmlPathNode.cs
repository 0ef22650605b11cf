using System.Text;

namespace DatumSync.Data.Formats.Xml;

/// <summary>
/// One place inside a record: the record element itself (the root), a descendant element, or an attribute of either.
/// The tree of places seen in the sample maps each value to its column by walking local names, with no string
/// building per value.
/// </summary>
internal sealed class XmlPathNode
{
    private Dictionary<string, XmlPathNode>? _elements;
    private Dictionary<string, XmlPathNode>? _attributes;

    private XmlPathNode(string name, bool isAttribute, XmlPathNode? parent)
    {
        Name = name;
        IsAttribute = isAttribute;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The local name (the record element's name for the root).</summary>
    public string Name { get; }

    /// <summary>Whether this is an attribute.</summary>
    public bool IsAttribute { get; }

    /// <summary>The element this is a child or attribute of; null for the root.</summary>
    public XmlPathNode? Parent { get; }

    /// <summary>Levels below the record element.</summary>
    public int Depth { get; }

    /// <summary>The column holding this place's text, or -1 when it has none.</summary>
    public int Column { get; set; } = -1;

    /// <summary>Whether a non-null value was seen here (in the sample).</summary>
    public bool HasValue { get; set; }

    /// <summary>Whether no child element or attribute was ever seen under this place.</summary>
    public bool IsLeaf => _elements is null && _attributes is null;

    /// <summary>The namespace of the first occurrence (empty for none).</summary>
    public string? NamespaceUri { get; set; }

    /// <summary>Whether a second namespace under the same local name was already reported.</summary>
    public bool NamespaceClashReported { get; set; }

    /// <summary>A new root for records named <paramref name="recordName"/>.</summary>
    public static XmlPathNode CreateRoot(string recordName) => new(recordName, false, null);

    /// <summary>The child element named <paramref name="localName"/>, or null.</summary>
    public XmlPathNode? FindElement(string localName) => _elements is not null && _elements.TryGetValue(localName, out var n) ? n : null;

    /// <summary>The attribute named <paramref name="localName"/>, or null.</summary>
    public XmlPathNode? FindAttribute(string localName) => _attributes is not null && _attributes.TryGetValue(localName, out var n) ? n : null;

    /// <summary>The child element named <paramref name="localName"/>, created when new.</summary>
    public XmlPathNode GetOrAddElement(string localName) => GetOrAdd(ref _elements, localName, false);

    /// <summary>The attribute named <paramref name="localName"/>, created when new.</summary>
    public XmlPathNode GetOrAddAttribute(string localName) => GetOrAdd(ref _attributes, localName, true);

    /// <summary>
    /// The column name: element names joined by dots below the record element (<c>address.city</c>); an attribute
    /// is named like a child (<c>id</c>, <c>price.currency</c>) unless its element also has a child element of that
    /// name, then it keeps an <c>@</c> (<c>@id</c>, <c>price.@currency</c>). The record element's own text is named
    /// after the record element.
    /// </summary>
    public string ColumnName()
    {
        if (Parent is null)
            return Name;
        var parts = new List<string>(Depth);
        for (var n = this; n.Parent is not null; n = n.Parent)
            parts.Add(n.IsAttribute && n.Parent.FindElement(n.Name) is not null ? "@" + n.Name : n.Name);
        parts.Reverse();
        return string.Join('.', parts);
    }

    /// <summary>An unambiguous description for messages: <c>&lt;order&gt;/address/@zip</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>(Depth + 1);
        for (var n = this; n is not null; n = n.Parent)
            parts.Add(n.Parent is null ? $"<{n.Name}>" : n.IsAttribute ? "@" + n.Name : n.Name);
        parts.Reverse();
        return string.Join('/', parts);
    }

    private XmlPathNode GetOrAdd(ref Dictionary<string, XmlPathNode>? map, string localName, bool attribute)
    {
        map ??= new Dictionary<string, XmlPathNode>(StringComparer.Ordinal);
        if (!map.TryGetValue(localName, out var node))
        {
            node = new XmlPathNode(localName, attribute, this);
            map.Add(localName, node);
        }
        return node;
    }

    /// <summary>Describes a place that has no node (first seen after the sample) from the names on the way to it.</summary>
    public static string Describe(IEnumerable<string> elementNames, string? attribute)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var name in elementNames)
        {
            sb.Append(first ? $"<{name}>" : "/" + name);
            first = false;
        }
        if (attribute is not null)
            sb.Append("/@").Append(attribute);
        return sb.ToString();
    }
}
