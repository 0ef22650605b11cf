using System.Xml;
using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats.Xml;

// Opening: the record element, the inference sample, the schema.
public sealed partial class XmlRecordReader
{
    private Schema _schema = new([]);
    private readonly List<InferredColumn> _inferred = [];

    private static XmlRecordReader Open(DataSource source, ReadOptions options, CancellationToken cancellationToken)
    {
        string name;
        string from;
        if (!string.IsNullOrWhiteSpace(options.RecordElement))
        {
            name = LocalName(options.RecordElement, source.Name);
            from = "--record-element";
        }
        else
        {
            if (!source.CanReopen)
            {
                throw new DataFormatException(source.Name,
                    "the record element cannot be detected on input that can be read only once (such as a pipe); pass --record-element with the name of the element whose occurrences are rows");
            }
            using var probe = XmlInput.Open(source);
            var (found, missing) = XmlRecordDetector.Detect(probe, source.Name);
            if (found is null)
            {
                var where = missing.WholeDocument ? "the document" : $"the first {XmlRecordDetector.MaxBytes >> 20} MiB of the document";
                var root = missing.Root is null ? "it has no elements" : $"the root element is <{missing.Root}>";
                throw new DataFormatException(source.Name,
                    $"no element repeats under one parent in {where} ({root}), so the record element cannot be detected; pass --record-element with the name of the element whose occurrences are rows");
            }
            name = found.Name;
            from = found.Describe();
        }
        cancellationToken.ThrowIfCancellationRequested();

        var input = XmlInput.Open(source);
        XmlRecordReader? reader = null;
        try
        {
            reader = new XmlRecordReader(source, options, input, name, from);
            reader.ReadSample(cancellationToken);
            return reader;
        }
        catch
        {
            if (reader is not null)
                reader.DisposeCore();
            else
                input.Dispose();
            throw;
        }
    }

    /// <summary>The local name in a <c>--record-element</c> value (<c>ns:order</c>, <c>&lt;order&gt;</c> → <c>order</c>).</summary>
    private static string LocalName(string given, string source)
    {
        var name = given.Trim().Trim('<', '>', '/').Trim();
        var colon = name.LastIndexOf(':');
        if (colon >= 0)
            name = name[(colon + 1)..];
        try
        {
            return XmlConvert.VerifyNCName(name);
        }
        catch (Exception e) when (e is XmlException or ArgumentException)
        {
            throw new DataFormatException(source, $"--record-element '{given}' is not an XML element name");
        }
    }

    private void ReadSample(CancellationToken cancellationToken)
    {
        var sample = new XmlRecordChunk();
        _sample = sample;
        var wanted = Math.Max(1, _options.InferenceRows);
        while (sample.RecordCount < wanted)
        {
            if ((sample.RecordCount & 1023) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (!ReadRecord(sample))
            {
                _ended = true;
                break;
            }
        }
        _sampleRecords = sample.RecordCount;
        FixSchema(sample);
        if (sample.RecordCount == 0)
            _warnings.Add($"the document has no <{_recordName}> element, so there are no rows (check --record-element)");
        if (_input.HasDoctype)
            _warnings.Add("the document's DTD (<!DOCTYPE …>) is ignored: nothing is fetched, no entity is expanded, and default attribute values it declares do not apply");
    }

    /// <summary>Names and types the columns seen in the sample; from here on the set of columns does not change.</summary>
    private void FixSchema(XmlRecordChunk sample)
    {
        _schemaFixed = true;
        DropEmptyContainers(sample);
        var count = _columnNodes.Count;
        var names = ColumnNames();
        var evidence = Observe(sample, count);
        var context = InferenceContext.FromOptions(_options.Csv).WithFileEvidence(evidence, (byte)',');
        var guesses = evidence.Select(e => e.Infer(context)).ToArray();
        var inferred = context.ApplyOverrides(_options, names, guesses, name => new DataFormatException(_source.Name,
            $"a type was given for column '{name}', which the first {_sampleRecords} <{_recordName}> records do not have (columns: {string.Join(", ", names)})"));
        _inferred.AddRange(inferred);
        var capacity = Math.Min(_batchRows, 1 << 16);
        _columns = new ColumnState[count];
        for (var c = 0; c < count; c++)
            _columns[c] = new ColumnState(names[c], ValueConverter.Create(inferred[c].Format, _nulls), capacity);
        _schema = new Schema(_columns.Select(c => new Field(c.Name, c.Converter.Format.Type)));
    }

    /// <summary>
    /// An element that held other elements or attributes and was otherwise only ever empty needs no column of its
    /// own (<c>&lt;address/&gt;</c> beside <c>&lt;address&gt;&lt;city&gt;…</c>); an empty leaf keeps its (null) column.
    /// </summary>
    private void DropEmptyContainers(XmlRecordChunk sample)
    {
        var map = new int[_columnNodes.Count];
        var kept = new List<XmlPathNode>(_columnNodes.Count);
        var repeated = new List<long>(_columnNodes.Count);
        for (var c = 0; c < _columnNodes.Count; c++)
        {
            var node = _columnNodes[c];
            if (!node.HasValue && (!node.IsLeaf || node.Parent is null))
            {
                node.Column = -1;
                map[c] = -1;
                continue;
            }
            map[c] = kept.Count;
            node.Column = kept.Count;
            kept.Add(node);
            repeated.Add(_repeatedFirst[c]);
        }
        if (kept.Count == _columnNodes.Count)
            return;
        sample.RemapColumns(map);
        _columnNodes.Clear();
        _columnNodes.AddRange(kept);
        _repeatedFirst = [.. repeated];
        ResizeColumnScratch(kept.Count);
    }

    private string[] ColumnNames()
    {
        var names = new string[_columnNodes.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < names.Length; c++)
        {
            var name = _columnNodes[c].ColumnName();
            var candidate = name;
            for (var k = 2; !seen.TryAdd(candidate, c); k++)
                candidate = $"{name}_{k}";
            if (candidate != name)
                _warnings.Add($"{_columnNodes[c].Describe()} and {_columnNodes[seen[name]].Describe()} both flatten to '{name}'; the second column is named '{candidate}'");
            names[c] = candidate;
        }
        return names;
    }

    private ColumnTypeEvidence[] Observe(XmlRecordChunk sample, int count)
    {
        var evidence = new ColumnTypeEvidence[count];
        for (var c = 0; c < count; c++)
            evidence[c] = new ColumnTypeEvidence(_nulls);
        if (count == 0 || sample.RecordCount == 0)
            return evidence;
        using var layout = sample.ByColumn(0, sample.RecordCount, count);
        for (var c = 0; c < count; c++)
        {
            // An absent value is observed as null, so null counts are right.
            var row = 0;
            for (int e = layout.Start[c], end = layout.Start[c + 1]; e < end; e++)
            {
                for (var present = layout.Row[e]; row < present; row++)
                    evidence[c].Observe(default, false, row + 1);
                evidence[c].Observe(sample.Value(layout.Cell[e]), false, ++row);
            }
            for (; row < sample.RecordCount; row++)
                evidence[c].Observe(default, false, row + 1);
        }
        return evidence;
    }

}
