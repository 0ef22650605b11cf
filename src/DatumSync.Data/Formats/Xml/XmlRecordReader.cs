using System.Runtime.ExceptionServices;
using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats.Xml;

/// <summary>
/// Streams the repeated elements of an XML document as typed <see cref="RecordBatch"/>es: each occurrence of the
/// record element is one row.
/// </summary>
/// <remarks>
/// <para><b>Streaming and safety.</b> The document is read forward once with <see cref="System.Xml.XmlReader"/>;
/// no DOM is built, and memory is bounded by the batch (plus the inference sample). DTDs are ignored and no resolver
/// is set, so nothing external is fetched and no entity is expanded (see <see cref="XmlInput"/>). The encoding comes
/// from the byte order mark or the XML declaration, as the XML specification says.</para>
/// <para><b>Records.</b> The record element is <see cref="ReadOptions.RecordElement"/> (a local name; a prefix such
/// as <c>ns:order</c> is dropped) or, when not given, detected as the element that repeats most often under one
/// parent in the first MiB (<see cref="XmlRecordDetector"/>); detection reads the source twice, so a source that
/// cannot be re-opened needs the option. Every element with that local name is a record, at any depth, except inside
/// another record.</para>
/// <para><b>Columns.</b> Names are local names (namespaces are dropped; two namespaces meeting at one name are
/// reported in <see cref="Warnings"/>). The record element's attributes are columns by their name (<c>id</c>);
/// child elements' text by theirs (<c>name</c>); deeper elements join names with dots (<c>address.city</c>); a
/// child's attributes likewise (<c>price.currency</c>). An attribute keeps an <c>@</c> only where its element also
/// has a child element of the same name (<c>@id</c> beside <c>id</c>). The record element's own text, if any, is named
/// after it. Text that is only whitespace, an empty element, an empty attribute and <c>xsi:nil="true"</c> are null;
/// CDATA is text; comments and processing instructions are skipped. Columns are ordered by first appearance. An
/// element that only ever held other elements has no column of its own. Names made equal by flattening get
/// <c>_2</c>, <c>_3</c> suffixes.</para>
/// <para><b>Repetition.</b> An element (or text) that occurs more than once in one record never loses values: the
/// column holds a JSON array of all its texts in document order (<c>["A","B"]</c>, null for an empty one), the column
/// becomes text unless overridden, and <see cref="Warnings"/> names it. Arrays of repeated sub-elements are per
/// leaf, so a missing field inside one repetition shortens that leaf's array.</para>
/// <para><b>Types.</b> As in the CSV reader: the first <see cref="ReadOptions.InferenceRows"/> records are read
/// ahead and kept as text; <see cref="ColumnTypeEvidence"/> infers each column (leading-zero codes stay text);
/// <see cref="ReadOptions.ColumnTypes"/>, <see cref="ReadOptions.AllStrings"/> and
/// <see cref="ReadOptions.NullTokens"/> apply, and the decimal, thousands and date-order settings of
/// <see cref="ReadOptions.Csv"/> steer inference as they do for CSV. Every value is verified by
/// <see cref="ValueConverter"/>: one that does not fit widens its column in place while no batch has been handed out
/// (or always, with <see cref="ReadOptions.WidenInPlace"/>), and otherwise raises
/// <see cref="SchemaWidenedException"/> so <see cref="TableReader.CopyAsync"/> restarts with the wider schema. A
/// value at a place the sample never had a column for is a <see cref="DataFormatException"/> naming the record and
/// asking for a larger <c>--infer-rows</c>.</para>
/// <para><b>Errors.</b> Malformed or truncated XML is a <see cref="DataFormatException"/> with the line, position
/// and the parser's expectation; after any exception the reader is finished and rethrows it. Reading is synchronous
/// under the asynchronous API (the parser pulls from the stream).</para>
/// </remarks>
public sealed partial class XmlRecordReader : IBatchReader, IReaderDiagnostics
{
    private readonly DataSource _source;
    private readonly ReadOptions _options;
    private readonly XmlInput _input;
    private readonly string _recordName;
    private readonly string _recordFrom;
    private readonly NullTokenSet _nulls;
    private readonly bool _widenInPlace;
    private readonly int _batchRows;
    private readonly List<string> _warnings = [];
    private readonly XmlRecordChunk _chunk = new();
    private XmlRecordChunk? _sample;
    private int _sampleNext;
    private int _sampleRecords;
    private bool _ended;
    private long _batchesEmitted;
    private long _rowsEmitted;
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

    private XmlRecordReader(DataSource source, ReadOptions options, XmlInput input, string recordName, string recordFrom)
    {
        _source = source;
        _options = options;
        _input = input;
        _recordName = input.Xml.NameTable.Add(recordName);
        _recordFrom = recordFrom;
        _nulls = NullTokenSet.For(options.NullTokens);
        _widenInPlace = options.WidenInPlace;
        _batchRows = options.BatchRows > 0 ? options.BatchRows : ReadOptions.DefaultBatchRows;
        _root = XmlPathNode.CreateRoot(_recordName);
    }

    /// <inheritdoc />
    public Schema Schema => _schema;

    /// <summary>The local name of the record element.</summary>
    public string RecordElement => _recordName;

    /// <summary>Rows handed out so far.</summary>
    public long RowsRead => _rowsEmitted;

    /// <inheritdoc />
    public long BytesRead => _input.Counting.BytesRead;

    /// <inheritdoc />
    public long? TotalBytes => _source.Length;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> Properties =>
    [
        new("encoding", _input.Encoding),
        new("record element", _recordName),
        new("found by", _recordFrom),
    ];

    /// <inheritdoc />
    public IReadOnlyList<InferredColumn>? InferredColumns
    {
        get
        {
            lock (_inferred)
                return [.. _inferred];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings
    {
        get
        {
            List<string> all;
            lock (_warnings)
                all = [.. _warnings];
            for (var c = 0; c < _repeatedFirst.Length && c < _schema.Count; c++)
            {
                if (_repeatedFirst[c] > 0)
                    all.Add($"column '{_schema[c].Name}': {_columnNodes[c].Describe()} occurs more than once in a record (first in record {_repeatedFirst[c]}); every value is kept, as a JSON array of the texts");
            }
            return all;
        }
    }

    /// <summary>Opens an XML source: finds the record element, reads the inference sample and fixes the schema.</summary>
    /// <param name="source">The document.</param>
    /// <param name="options">Read options (<see cref="ReadOptions.RecordElement"/> and the inference settings).</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="DataFormatException">The source is not readable XML records.</exception>
    public static ValueTask<XmlRecordReader> OpenAsync(DataSource source, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Open(source, options ?? new ReadOptions(), cancellationToken));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<XmlRecordReader>(e);
        }
    }

    /// <inheritdoc />
    public ValueTask<RecordBatch?> ReadNextBatchAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _failure?.Throw();
            return ValueTask.FromResult(ReadBatch(cancellationToken));
        }
        catch (Exception e)
        {
            _failure ??= ExceptionDispatchInfo.Capture(e);
            return ValueTask.FromException<RecordBatch?>(e);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        DisposeCore();
        return ValueTask.CompletedTask;
    }

    private void DisposeCore()
    {
        if (_disposed)
            return;
        _disposed = true;
        _input.Dispose();
        _sample?.Dispose();
        _sample = null;
        _chunk.Dispose();
    }

    /// <summary>The next batch: what is left of the sample, topped up with records streamed from the document.</summary>
    private RecordBatch? ReadBatch(CancellationToken cancellationToken)
    {
        var segments = new List<Segment>(2);
        var rows = 0;
        if (_sample is { } sample && _sampleNext < sample.RecordCount)
        {
            rows = Math.Min(_batchRows, sample.RecordCount - _sampleNext);
            segments.Add(new Segment(sample, _sampleNext, _sampleNext + rows));
            _sampleNext += rows;
        }
        if (rows < _batchRows && !_ended)
        {
            _chunk.Clear(_recordsRead + 1);
            while (rows < _batchRows && _chunk.DataLength < MaxChunkBytes)
            {
                if ((rows & 1023) == 0)
                    cancellationToken.ThrowIfCancellationRequested();
                if (!ReadRecord(_chunk))
                {
                    _ended = true;
                    break;
                }
                rows++;
            }
            if (_chunk.RecordCount > 0)
                segments.Add(new Segment(_chunk, 0, _chunk.RecordCount));
        }
        if (rows == 0)
        {
            ReleaseSample();
            return null;
        }
        var batch = Convert(segments, rows);
        _batchesEmitted++;
        _rowsEmitted += rows;
        if (_sample is not null && _sampleNext >= _sample.RecordCount)
            ReleaseSample();
        return batch;
    }

    private void ReleaseSample()
    {
        _sample?.Dispose();
        _sample = null;
    }
}
