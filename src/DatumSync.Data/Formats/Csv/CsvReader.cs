using System.Threading.Channels;
using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats.Csv;

/// <summary>
/// Streams a CSV/TSV file as typed <see cref="RecordBatch"/>es: detects encoding, dialect and header, infers column
/// types from a sample, then reads the whole file with a vectorised scanner and parallel typed conversion.
/// </summary>
/// <remarks>
/// <para>Pipeline: a background task reads blocks, finds row and field boundaries (<see cref="CsvScanner"/>, the
/// sequential part) and hands chunks over a bounded channel; <see cref="ReadNextBatchAsync"/> converts a chunk's
/// columns in parallel. Scanning the next chunk overlaps converting this one; memory is a few chunks.</para>
/// <para>Types are verified over the full pass: a value that does not fit the sampled type widens the column. While
/// the first batch is still being built that happens in place; after batches have been handed out it raises
/// <see cref="SchemaWidenedException"/> (callers such as <see cref="TableReader.CopyAsync"/> restart with the wider
/// schema), unless the reader was opened for a verification pass that keeps no batches (<c>inspect</c>), where the
/// column simply widens from there on. No value is ever silently lost.</para>
/// </remarks>
public sealed partial class CsvReader : IVerifyingReader, IReaderDiagnostics
{
    private const int MaxRowBytes = 64 << 20;
    private const int InitialBlockBytes = 4 << 20;
    private const int SniffBytes = 256 << 10;

    private readonly DataSource _source;
    private readonly ReadOptions _options;
    private readonly Stream _raw;
    private readonly Stream _utf8;
    private readonly bool _validateUtf8;
    private readonly ICsvScanner _scanner;
    private readonly CsvDialect _dialect;
    private readonly byte _quote;
    private readonly byte _escape;
    private readonly ColumnState[] _columns;
    private readonly List<InferredColumn> _inferred;
    private readonly List<string> _warnings = [];
    private readonly NullTokenSet _nulls;
    private readonly bool _widenInPlace;
    private readonly Channel<Chunk> _chunks;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _scannerName;
    private Task? _producer;
    private ProducerStart _start = null!;
    private Schema _schema;
    private long _batchesEmitted;
    private long _rowsEmitted;
    private long _skippedRows;

    private CsvReader(DataSource source, ReadOptions options, Stream raw, Stream utf8, bool validateUtf8, CsvDialect dialect,
        ICsvScanner scanner, string scannerName, string[] names, InferredColumn[] inferred, NullTokenSet nulls, bool widenInPlace)
    {
        _source = source;
        _options = options;
        _raw = raw;
        _utf8 = utf8;
        _validateUtf8 = validateUtf8;
        _dialect = dialect;
        _scanner = scanner;
        _scannerName = scannerName;
        _quote = (byte)dialect.Quote;
        _escape = (byte)dialect.Escape;
        _nulls = nulls;
        _widenInPlace = widenInPlace;
        _inferred = [.. inferred];
        _columns = new ColumnState[names.Length];
        for (var i = 0; i < names.Length; i++)
            _columns[i] = new ColumnState(names[i], ValueConverter.Create(inferred[i].Format, nulls), options.BatchRows);
        _schema = new Schema(_columns.Select(c => new Field(c.Name, c.Converter.Format.Type)));
        _chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
    }

    /// <inheritdoc />
    public Schema Schema => _schema;

    /// <summary>The dialect in use.</summary>
    public CsvDialect Dialect => _dialect;

    /// <inheritdoc />
    public long BytesRead => _raw.CanSeek ? _raw.Position : 0;

    /// <inheritdoc />
    public long? TotalBytes => _source.Length;

    /// <summary>Data rows handed out so far.</summary>
    public long RowsRead => _rowsEmitted;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> Properties =>
    [
        new("encoding", _dialect.Encoding),
        new("delimiter", _dialect.DelimiterName),
        new("quote", _dialect.Quote == '\0' ? "none" : _dialect.Quote.ToString()),
        new("escape", _dialect.Escape == _dialect.Quote ? "doubled quote" : _dialect.Escape.ToString()),
        new("header", _dialect.HasHeader ? "yes" : "no"),
        new("line ending", _dialect.LineEnding),
        new("scanner", _scannerName),
    ];

    /// <inheritdoc />
    public IReadOnlyList<InferredColumn>? InferredColumns => _inferred;

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var all = new List<string>(_warnings);
            if (_skippedRows > 0)
                all.Add($"{_skippedRows} ragged row(s) skipped (--ragged skip)");
            return all;
        }
    }

    /// <summary>Opens a CSV source: detects what was not given in <paramref name="options"/> and infers types.</summary>
    /// <param name="source">The file or stream.</param>
    /// <param name="options">Read options (the CSV dialect under <see cref="ReadOptions.Csv"/>).</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="DataFormatException">The file cannot be read as CSV.</exception>
    public static ValueTask<CsvReader> OpenAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var raw = source.Open();
        try
        {
            return ValueTask.FromResult(Open(source, options, raw, options.WidenInPlace));
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<RecordBatch?> ReadNextBatchAsync(CancellationToken cancellationToken = default)
    {
        _producer ??= Task.Run(() => ProduceAsync(_start, _stop.Token), CancellationToken.None);
        while (true)
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await _chunks.Reader.Completion.ConfigureAwait(false);
                return null;
            }
            if (!_chunks.Reader.TryRead(out var chunk))
                continue;
            try
            {
                var batch = Convert(chunk);
                if (batch is null)
                    continue;
                _batchesEmitted++;
                _rowsEmitted += batch.RowCount;
                return batch;
            }
            finally
            {
                chunk.Release();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<VerifySummary> VerifyRemainingAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        _producer ??= Task.Run(() => ProduceAsync(_start, _stop.Token), CancellationToken.None);
        var nulls = new long[_columns.Length];
        long rows = 0;
        while (await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!_chunks.Reader.TryRead(out var chunk))
                continue;
            try
            {
                rows += Verify(chunk, nulls);
            }
            finally
            {
                chunk.Release();
            }
            progress?.Report(rows);
        }
        await _chunks.Reader.Completion.ConfigureAwait(false);
        _rowsEmitted += rows;
        return new VerifySummary(rows, nulls);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_producer is not null)
        {
            try
            {
                await _producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The producer's failure was (or will never be) reported through the channel.
            }
        }
        while (_chunks.Reader.TryRead(out var chunk))
            chunk.Release();
        _start.Release();
        await _utf8.DisposeAsync().ConfigureAwait(false);
        await _raw.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed class ColumnState(string name, ValueConverter converter, int capacity)
    {
        public string Name { get; } = name;

        public ValueConverter Converter { get; set; } = converter;

        public ColumnBuilder Builder { get; set; } = converter.CreateBuilder(capacity);

        public byte[] Scratch { get; set; } = [];

        /// <summary>Stopwatch ticks spent converting this column in the last chunk, for balancing the workers.</summary>
        public long Cost { get; set; }
    }
}
