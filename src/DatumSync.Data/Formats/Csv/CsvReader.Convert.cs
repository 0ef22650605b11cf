using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats.Csv;

public sealed partial class CsvReader
{
    // Below this many values a batch converts on one thread: task overhead would outweigh the work.
    private const int ParallelThreshold = 16_384;

    // Rows converted per column before moving to the next column: the block's text (~300 KB) stays in the core's
    // cache while all of a worker's columns read it, instead of every column streaming the whole chunk from memory.
    private const int BlockRows = 4096;

    /// <summary>
    /// Converts a chunk's fields into typed columns. Null when every row was skipped.
    /// </summary>
    private RecordBatch? Convert(Chunk chunk)
    {
        var rows = SelectRows(chunk);
        var count = rows?.Length ?? chunk.Index.RowCount;
        if (count == 0)
            return null;
        ForEachColumnBlock(chunk, rows, count, (c, from, to) => ConvertRange(c, chunk, rows, from, to));

        var widened = false;
        var columns = new Column[_columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = _columns[c].Builder.Build();
            widened |= columns[c].Type != _schema[c].Type;
        }
        if (widened)
            RefreshSchema();
        return new RecordBatch(_schema, columns, count);
    }

    /// <summary>Checks a chunk's fields against the column types without storing them; adds to the null counts.</summary>
    /// <returns>The rows checked.</returns>
    private int Verify(Chunk chunk, long[] nulls)
    {
        var rows = SelectRows(chunk);
        var count = rows?.Length ?? chunk.Index.RowCount;
        if (count == 0)
            return 0;
        // Each column belongs to one worker, so its null count has a single writer.
        ForEachColumnBlock(chunk, rows, count, (c, from, to) => nulls[c] += VerifyRange(c, chunk, rows, from, to));
        if (_columns.Select(c => c.Converter.Format.Type).Where((t, i) => t != _schema[i].Type).Any())
            RefreshSchema();
        return count;
    }

    private void RefreshSchema() => _schema = new Schema(_columns.Select(c => new Field(c.Name, c.Converter.Format.Type)));

    /// <summary>
    /// Runs <paramref name="work"/> for every column over row blocks of the chunk. Columns are split among the cores
    /// by their measured cost (the slowest first, each to the least loaded worker); a worker walks the blocks and
    /// does all its columns for a block before the next, so the block's text stays in that core's cache.
    /// </summary>
    private void ForEachColumnBlock(Chunk chunk, int[]? rows, int count, Action<int, int, int> work)
    {
        var columnCount = _columns.Length;
        var workers = Math.Min(Environment.ProcessorCount, columnCount);
        if (workers > 1 && (long)count * columnCount >= ParallelThreshold)
        {
            var groups = PartitionByCost(workers);
            try
            {
                Parallel.For(0, groups.Length, g => RunBlocks(groups[g], count, work));
            }
            catch (AggregateException e)
            {
                throw FirstFailure(e);
            }
        }
        else
        {
            RunBlocks([.. Enumerable.Range(0, columnCount)], count, work);
        }
    }

    /// <summary>Longest-processing-time-first: columns by last chunk's cost, each to the least loaded group.</summary>
    private int[][] PartitionByCost(int workers)
    {
        var order = Enumerable.Range(0, _columns.Length).OrderByDescending(c => _columns[c].Cost).ThenBy(c => c);
        var groups = new List<int>[workers];
        var load = new long[workers];
        for (var g = 0; g < workers; g++)
            groups[g] = [];
        foreach (var c in order)
        {
            var least = Array.IndexOf(load, load.Min());
            groups[least].Add(c);
            load[least] += Math.Max(1, _columns[c].Cost);
        }
        return [.. groups.Select(g => g.ToArray())];
    }

    private void RunBlocks(int[] columns, int count, Action<int, int, int> work)
    {
        foreach (var c in columns)
            _columns[c].Cost = 0;
        for (var from = 0; from < count; from += BlockRows)
        {
            var to = Math.Min(count, from + BlockRows);
            foreach (var c in columns)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                work(c, from, to);
                _columns[c].Cost += System.Diagnostics.Stopwatch.GetTimestamp() - started;
            }
        }
    }

    private static Exception FirstFailure(AggregateException e)
    {
        // Report the earliest row, so the message does not depend on thread timing.
        var failures = e.Flatten().InnerExceptions;
        return failures.OfType<DataFormatException>().OrderBy(f => f.Row ?? long.MaxValue).FirstOrDefault()
            ?? failures.FirstOrDefault() ?? e;
    }

    /// <summary>
    /// The chunk rows to convert, or null when all of them are (the common case: every row has the header's field
    /// count). Blank lines are dropped; ragged rows are padded, skipped or reported.
    /// </summary>
    private int[]? SelectRows(Chunk chunk)
    {
        var index = chunk.Index;
        var columnCount = _columns.Length;
        var uniform = true;
        for (var r = 0; r < index.RowCount; r++)
        {
            var n = index.RowFieldStart[r + 1] - index.RowFieldStart[r];
            if (n != columnCount || (n == 1 && index.FieldEnd[index.RowFieldStart[r]] == index.RowStart[r]))
            {
                uniform = false;
                break;
            }
        }
        if (uniform)
            return null;

        var kept = new List<int>(index.RowCount);
        for (var r = 0; r < index.RowCount; r++)
        {
            var n = index.RowFieldStart[r + 1] - index.RowFieldStart[r];
            if (n == 1 && index.FieldEnd[index.RowFieldStart[r]] == index.RowStart[r])
                continue; // blank line
            if (n == columnCount)
            {
                kept.Add(r);
                continue;
            }
            switch (_options.Csv.Ragged)
            {
                case RaggedRows.Skip:
                    _skippedRows++;
                    continue;
                case RaggedRows.Pad when n < columnCount:
                    kept.Add(r);
                    continue;
                default:
                    throw new DataFormatException(_source.Name,
                        $"has {n} field{(n == 1 ? "" : "s")}, expected {columnCount} like the {(_dialect.HasHeader ? "header" : "first row")}"
                        + (n < columnCount && _options.Csv.Ragged == RaggedRows.Error ? " (pass --ragged pad to fill missing fields with nulls, or --ragged skip)" : " (pass --ragged skip to drop such rows)"),
                        row: chunk.FirstRow + r, line: chunk.LineOf(r));
            }
        }
        return [.. kept];
    }

    private void ConvertRange(int c, Chunk chunk, int[]? rows, int from, int to)
    {
        var state = _columns[c];
        while (true)
        {
            var builder = state.Builder;
            var fields = new FieldsVisitor(this, c, chunk, rows, from, to);
            var failed = state.Converter.Accept(ref fields, builder, null);
            if (failed < 0)
                return;
            WidenAt(state, chunk, rows, failed, c);
            builder.Build().Dispose();
            from = 0; // the wider builder starts empty: convert the chunk's rows so far again
        }
    }

    /// <summary>Checks rows <paramref name="from"/>..<paramref name="to"/> of a column without storing values.</summary>
    /// <returns>The nulls seen.</returns>
    private long VerifyRange(int c, Chunk chunk, int[]? rows, int from, int to)
    {
        var state = _columns[c];
        var counter = new long[1];
        while (true)
        {
            var fields = new FieldsVisitor(this, c, chunk, rows, from, to);
            var failed = state.Converter.Accept(ref fields, null, counter);
            if (failed < 0)
                return counter[0];
            // A wider type holds every value the narrower one did: carry on from the value that did not fit.
            WidenAt(state, chunk, rows, failed, c);
            from = failed;
        }
    }

    /// <summary>Runs <see cref="ConvertFields"/> with the column's sink, compiled per sink type.</summary>
    private readonly struct FieldsVisitor(CsvReader reader, int c, Chunk chunk, int[]? rows, int from, int to) : ValueConverter.ISinkVisitor
    {
        public int Visit<TSink>(TSink sink)
            where TSink : struct, ValueConverter.ISink => reader.ConvertFields(sink, c, chunk, rows, from, to, reader._columns[c]);
    }

    private void WidenAt(ColumnState state, Chunk chunk, int[]? rows, int failed, int c)
    {
        var (start, end) = FieldAt(chunk, rows, failed, c);
        var scratch = state.Scratch;
        var value = Unquote(chunk.Bytes[start..end], _quote, _escape, _dialect.QuotesAnywhere, ref scratch, out _);
        Widen(state, value, chunk.FirstRow + (rows is null ? failed : rows[failed]));
    }

    /// <summary>Converts rows <paramref name="from"/>..<paramref name="to"/> of a column; the index of the first that does
    /// not fit, or -1.</summary>
    private int ConvertFields<TSink>(TSink sink, int c, Chunk chunk, int[]? rows, int from, int to, ColumnState state)
        where TSink : struct, ValueConverter.ISink
    {
        var index = chunk.Index;
        var bytes = chunk.Bytes;
        var rowStart = index.RowStart;
        var rowFieldStart = index.RowFieldStart;
        var fieldEnd = index.FieldEnd;
        var columnCount = _columns.Length;
        var quotesAnywhere = _dialect.QuotesAnywhere;
        var quote = _quote;
        var escape = _escape;
        var scratch = state.Scratch;
        try
        {
            for (var k = from; k < to; k++)
            {
                int start, end;
                if (rows is null)
                {
                    // Uniform rows: field (r, c) is at r * columnCount + c.
                    var f = k * columnCount + c;
                    start = c == 0 ? rowStart[k] : fieldEnd[f - 1] + 1;
                    end = fieldEnd[f];
                }
                else
                {
                    var r = rows[k];
                    var first = rowFieldStart[r];
                    if (c >= rowFieldStart[r + 1] - first)
                    {
                        sink.AppendNull(); // padded
                        continue;
                    }
                    start = c == 0 ? rowStart[r] : fieldEnd[first + c - 1] + 1;
                    end = fieldEnd[first + c];
                }
                var value = Unquote(bytes[start..end], quote, escape, quotesAnywhere, ref scratch, out var quoted);
                if (!sink.TryAppend(value, quoted))
                    return k;
            }
            return -1;
        }
        finally
        {
            state.Scratch = scratch;
        }
    }

    private (int Start, int End) FieldAt(Chunk chunk, int[]? rows, int k, int c)
    {
        var index = chunk.Index;
        var r = rows is null ? k : rows[k];
        var first = index.RowFieldStart[r];
        return (c == 0 ? index.RowStart[r] : index.FieldEnd[first + c - 1] + 1, index.FieldEnd[first + c]);
    }

    /// <summary>A value did not fit its column's type: widen the column, or ask the caller to restart wider.</summary>
    private void Widen(ColumnState state, ReadOnlySpan<byte> value, long row)
    {
        var from = state.Converter.Format;
        var to = state.Converter.Widen(value);
        var c = Array.IndexOf(_columns, state);
        if (_options.IsUserTyped(state.Name))
            throw new DataFormatException(_source.Name, $"value '{Show(value)}' does not fit the type {from.Type} given for this column", row, state.Name);
        var note = $"row {row}: '{Show(value)}' does not fit {from.Type}; the column needs {to.Type}";
        if (_batchesEmitted > 0 && !_widenInPlace)
        {
            throw new SchemaWidenedException(_source.Name, _schema.With(c, new Field(state.Name, to.Type)), state.Name, row, Show(value), from.Type, to.Type);
        }
        lock (_inferred)
        {
            _inferred[c] = _inferred[c] with
            {
                Format = to,
                Confidence = to.Type.Kind == TypeKind.String ? Math.Min(_inferred[c].Confidence, 0.5) : _inferred[c].Confidence,
                Notes = [.. _inferred[c].Notes, $"widened from {from.Type} at {note}"],
            };
            _warnings.Add($"column '{state.Name}' widened to {to.Type}: {note}");
        }
        state.Converter = ValueConverter.Create(to, _nulls);
        state.Builder = state.Converter.CreateBuilder(_options.BatchRows);
    }
}
