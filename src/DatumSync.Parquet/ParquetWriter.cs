using System.Reflection;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Mapping;
using DatumSync.Parquet.Writing;

namespace DatumSync.Parquet;

/// <summary>
/// Writes batches as a Parquet file: flat columns of every core type, REQUIRED or OPTIONAL, dictionary or PLAIN
/// encoded in data pages v1, compressed with the chosen codec, with column statistics and a footer any Parquet reader
/// understands. Memory is bounded by one row group.
/// </summary>
public sealed class ParquetWriter : IBatchWriter
{
    private readonly Stream _output;
    private readonly ParquetWriteOptions _options;
    private readonly ColumnChunkWriter[] _columns;
    private readonly List<RowGroup> _rowGroups = [];
    private long _position;
    private long _rowsInGroup;
    private long _rows;
    private bool _completed;

    /// <summary>Creates a writer; the caller owns <paramref name="output"/> (it need not be seekable).</summary>
    /// <exception cref="ArgumentException">A column's type cannot be written.</exception>
    public ParquetWriter(Stream output, Data.Schema schema, ParquetWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        _output = output;
        _options = options ?? new ParquetWriteOptions();
        if (schema.Count == 0)
            throw new ArgumentException("A Parquet file needs at least one column.", nameof(schema));
        if (_options.RowGroupRows <= 0 || _options.PageBytes <= 0)
            throw new ArgumentException("Row group rows and page bytes must be positive.", nameof(options));
        Schema = schema;
        var codec = Codecs.Get(_options.Compression);
        _columns = [.. schema.Select(field => Create(field, codec))];
        _output.Write(ParquetFooter.Magic);
        _position = 4;
    }

    /// <inheritdoc />
    public Data.Schema Schema { get; }

    /// <summary>Rows written so far.</summary>
    public long Rows => _rows;

    /// <summary>The <c>created_by</c> this writer puts in footers (<c>application version X (build H)</c>).</summary>
    public static string CreatedBy { get; } = MakeCreatedBy();

    private ColumnChunkWriter Create(Field field, ICompressionCodec codec) => field.Type.Kind switch
    {
        TypeKind.Boolean => new BooleanColumnWriter(field, _options, codec),
        TypeKind.Int64 or TypeKind.Timestamp => new FixedWidthColumnWriter<long, Int64Policy>(field, _options, codec),
        TypeKind.Double => new FixedWidthColumnWriter<double, DoublePolicy>(field, _options, codec),
        TypeKind.Date => new FixedWidthColumnWriter<int, Int32Policy>(field, _options, codec),
        TypeKind.String => new ByteArrayColumnWriter(field, _options, codec),
        TypeKind.Decimal => ParquetSchemaMapper.DecimalPhysicalType(field.Type.Precision) switch
        {
            PhysicalType.Int32 => new FixedWidthColumnWriter<int, Int32Policy>(field, _options, codec),
            PhysicalType.Int64 => new FixedWidthColumnWriter<long, Int64Policy>(field, _options, codec),
            _ => new FixedLenDecimalColumnWriter(field, _options, codec),
        },
        _ => throw new ArgumentException($"Column '{field.Name}' has type {field.Type}, which Parquet cannot hold.", nameof(field)),
    };

    /// <inheritdoc />
    public ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        WriterChecks.RequireSchema(Schema, batch);
        var start = 0;
        while (start < batch.RowCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(batch.RowCount - start, _options.RowGroupRows - _rowsInGroup);
            AppendColumns(batch, start, count);
            start += count;
            _rowsInGroup += count;
            _rows += count;
            if (_rowsInGroup >= _options.RowGroupRows)
                FlushRowGroup();
        }
        return ValueTask.CompletedTask;
    }

    private void AppendColumns(RecordBatch batch, int start, int count)
    {
        // Columns encode independently: spread them over the cores when the work is worth it.
        if (_columns.Length > 1 && (long)count * _columns.Length >= 32_768)
            Parallel.For(0, _columns.Length, c => _columns[c].Append(batch.Column(c), start, count));
        else
            for (var c = 0; c < _columns.Length; c++)
                _columns[c].Append(batch.Column(c), start, count);
    }

    private void FlushRowGroup()
    {
        if (_rowsInGroup == 0)
            return;
        var groupStart = _position;
        var group = new RowGroup { NumRows = _rowsInGroup, FileOffset = groupStart, Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue) };
        foreach (var column in _columns)
        {
            var chunk = column.Flush(_output, _position);
            _position += chunk.MetaData!.TotalCompressedSize;
            group.Columns.Add(chunk);
            group.TotalByteSize += chunk.MetaData.TotalUncompressedSize;
        }
        group.TotalCompressedSize = _position - groupStart;
        _rowGroups.Add(group);
        _rowsInGroup = 0;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        FlushRowGroup();
        var metadata = new FileMetaData
        {
            Version = 2,
            Schema = ParquetSchemaMapper.ToParquet(Schema),
            NumRows = _rows,
            RowGroups = _rowGroups,
            CreatedBy = CreatedBy,
            TypeDefinedColumnOrders = Schema.Count,
            KeyValueMetadata = _options.Metadata is { Count: > 0 } kv ? [.. kv.Select(p => new KeyValue(p.Key, p.Value))] : null,
        };
        _position += ParquetFooter.Write(_output, metadata);
        _output.Flush();
        _completed = true;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var column in _columns)
            column.Dispose();
        _completed = true;
        return ValueTask.CompletedTask;
    }

    private static string MakeCreatedBy()
    {
        var version = typeof(ParquetWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var semver = plus < 0 ? version : version[..plus];
        var build = plus < 0 ? "unknown" : version[(plus + 1)..];
        if (build.Length > 12)
            build = build[..12];
        return $"DatumSync version {semver} (build {build})";
    }
}
