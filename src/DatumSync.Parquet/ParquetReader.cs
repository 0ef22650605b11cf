using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Data.Inference;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Reading;
using DatumSync.Parquet.Mapping;

namespace DatumSync.Parquet;

/// <summary>
/// Reads a Parquet file as batches: flat columns of every physical and logical type, lists of primitives (as JSON
/// array text), data pages v1 and v2, every common encoding and codec, with column projection and row-group skipping
/// by statistics. Memory is bounded by the batch size and one page per column.
/// </summary>
public sealed class ParquetReader : IBatchReader, IReaderDiagnostics
{
    private readonly RandomAccessSource _file;
    private readonly DataSource _source;
    private readonly FileMetaData _footer;
    private readonly ColumnDescriptor[] _columns;
    private readonly int[] _leafIndex;
    private readonly List<int> _rowGroups;
    private readonly int _batchRows;
    private readonly List<string> _warnings = [];
    private ColumnChunkReader[] _chunks = [];
    private int _nextGroup;
    private long _rowsLeftInGroup;
    private long _bytesDone;
    // Nanosecond timestamps truncated in row groups already read (their chunk readers are gone).
    private long _truncatedNanos;

    private ParquetReader(DataSource source, RandomAccessSource file, FileMetaData footer, ColumnDescriptor[] columns, int[] leafIndex,
        List<int> rowGroups, int batchRows, IEnumerable<string> warnings)
    {
        _source = source;
        _file = file;
        _footer = footer;
        _columns = columns;
        _leafIndex = leafIndex;
        _rowGroups = rowGroups;
        _batchRows = batchRows;
        _warnings.AddRange(warnings);
        var names = new HashSet<string>(StringComparer.Ordinal);
        Schema = new Data.Schema(columns.Select(c =>
        {
            var name = c.Path;
            for (var k = 2; !names.Add(name); k++)
                name = $"{c.Path}_{k}";
            return new Field(name, c.Type, c.MaxDefinitionLevel > 0);
        }));
    }

    /// <inheritdoc />
    public Data.Schema Schema { get; }

    /// <inheritdoc />
    public long BytesRead => _bytesDone;

    /// <inheritdoc />
    public long? TotalBytes => _source.Length;

    /// <summary>Row groups in the file.</summary>
    public int RowGroupCount => _footer.RowGroups.Count;

    /// <summary>Row groups that will be read (after skipping by statistics).</summary>
    public int RowGroupsToRead => _rowGroups.Count;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> Properties =>
    [
        new("created by", _footer.CreatedBy ?? "unknown"),
        new("row groups", _footer.RowGroups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("codecs", _footer.RowGroups.Count == 0 ? "none (no row groups)" : string.Join(", ", _footer.RowGroups.SelectMany(g => g.Columns).Select(c => ParquetFileInfo.CodecName(c.MetaData!.Codec)).Distinct())),
    ];

    /// <inheritdoc />
    public IReadOnlyList<InferredColumn>? InferredColumns => null;

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var all = new List<string>(_warnings);
            var truncated = _truncatedNanos + _chunks.Sum(c => c.Emitter.TruncatedNanos);
            if (truncated > 0)
                all.Add($"{truncated} nanosecond timestamps had sub-microsecond digits, dropped (DatumSync holds microseconds)");
            return all;
        }
    }

    /// <summary>Opens a Parquet file.</summary>
    /// <exception cref="ParquetException">Not a readable Parquet file, or a requested column cannot be read.</exception>
    public static ValueTask<ParquetReader> OpenAsync(DataSource source, ReadOptions? options = null, ParquetReadOptions? parquet = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReadOptions();
        parquet ??= new ParquetReadOptions();
        var stream = ParquetFormat.OpenSeekable(source);
        var file = RandomAccessSource.From(stream);
        try
        {
            var footer = ParquetFooter.Read(stream, source.Name);
            var leaves = ParquetSchemaMapper.FromParquet(footer, source.Name);
            foreach (var group in footer.RowGroups.Select((g, i) => (g, i)))
            {
                if (group.g.Columns.Count != leaves.Count)
                    throw new ParquetException(source.Name, $"has {group.g.Columns.Count} column chunks but the schema has {leaves.Count} columns", group.i);
            }
            var warnings = new List<string>();
            var selected = new List<int>();
            if (parquet.Columns is { } wanted)
            {
                foreach (var name in wanted)
                {
                    var i = leaves.FindIndex(l => l.Path == name);
                    if (i < 0)
                        throw new ParquetException(source.Name, $"has no column '{name}' (columns: {string.Join(", ", leaves.Select(l => l.Path))})");
                    if (leaves[i].Unsupported is { } why)
                        throw new ParquetException(source.Name, why);
                    selected.Add(i);
                }
            }
            else
            {
                for (var i = 0; i < leaves.Count; i++)
                {
                    if (leaves[i].Unsupported is { } why)
                        warnings.Add($"column left out: {why}");
                    else
                        selected.Add(i);
                }
            }
            var groups = RowGroupFilter.Select(footer, leaves, parquet.Filters, source.Name);
            if (groups.Count < footer.RowGroups.Count)
                warnings.Add($"{footer.RowGroups.Count - groups.Count} of {footer.RowGroups.Count} row groups skipped by their statistics");
            var columns = selected.Select(i => leaves[i]).ToArray();
            return ValueTask.FromResult(new ParquetReader(source, file, footer, columns, [.. selected], groups, Math.Max(1, options.BatchRows), warnings));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<RecordBatch?> ReadNextBatchAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (_rowsLeftInGroup == 0)
        {
            if (!NextRowGroup())
                return ValueTask.FromResult<RecordBatch?>(null);
        }
        var rows = (int)Math.Min(_batchRows, _rowsLeftInGroup);
        var builders = _columns.Select(c => ColumnBuilder.Create(c.Type, rows)).ToArray();
        try
        {
            if (_columns.Length > 1 && (long)rows * _columns.Length >= 32_768)
                Parallel.For(0, _columns.Length, c => _chunks[c].ReadRows(rows, builders[c]));
            else
                for (var c = 0; c < _columns.Length; c++)
                    _chunks[c].ReadRows(rows, builders[c]);
        }
        catch (AggregateException e)
        {
            DiscardBuilders(builders);
            var inner = e.Flatten().InnerExceptions;
            throw inner.OfType<ParquetException>().FirstOrDefault()
                ?? new ParquetException(_source.Name, $"cannot read: {inner.FirstOrDefault()?.Message ?? e.Message}", inner: inner.FirstOrDefault() ?? e);
        }
        catch
        {
            DiscardBuilders(builders);
            throw;
        }
        _rowsLeftInGroup -= rows;
        var columns = builders.Select(b => b.Build()).ToArray();
        return ValueTask.FromResult<RecordBatch?>(new RecordBatch(Schema, columns, rows));
    }

    private static void DiscardBuilders(ColumnBuilder[] builders)
    {
        foreach (var b in builders)
            b.Build().Dispose();
    }

    private bool NextRowGroup()
    {
        foreach (var chunk in _chunks)
        {
            _truncatedNanos += chunk.Emitter.TruncatedNanos;
            chunk.Dispose();
        }
        _chunks = [];
        if (_nextGroup > 0)
            _bytesDone += _footer.RowGroups[_rowGroups[_nextGroup - 1]].TotalCompressedSize ?? 0;
        if (_nextGroup >= _rowGroups.Count)
        {
            _bytesDone = _source.Length ?? _bytesDone;
            return false;
        }
        var g = _rowGroups[_nextGroup++];
        var group = _footer.RowGroups[g];
        // Built aside and kept only once all are made: a chunk that cannot be read (an unknown codec) must leave no
        // half-filled array behind for Dispose and Warnings to trip over, hiding the ParquetException.
        var chunks = new ColumnChunkReader[_columns.Length];
        try
        {
            for (var c = 0; c < _columns.Length; c++)
                chunks[c] = new ColumnChunkReader(_file, _source.Name, _columns[c], group.Columns[_leafIndex[c]].MetaData!, g);
        }
        catch
        {
            foreach (var chunk in chunks)
                chunk?.Dispose();
            throw;
        }
        _chunks = chunks;
        _rowsLeftInGroup = group.NumRows;
        return true;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var chunk in _chunks)
            chunk.Dispose();
        _chunks = [];
        _file.Dispose();
        return ValueTask.CompletedTask;
    }
}
