using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats.Csv;

public sealed partial class CsvReader
{
    // Below this many values a batch converts on one thread: task overhead would outweigh the work.
    private const int ParallelThreshold = 16_384;

    /// <summary>Converts a chunk's fields into typed columns, in parallel by column. Null when every row was skipped.</summary>
    private RecordBatch? Convert(Chunk chunk)
    {
        var rows = SelectRows(chunk);
        var count = rows?.Length ?? chunk.Index.RowCount;
        if (count == 0)
            return null;
        var columnCount = _columns.Length;
        if (columnCount > 1 && (long)count * columnCount >= ParallelThreshold)
        {
            try
            {
                Parallel.For(0, columnCount, c => ConvertColumn(c, chunk, rows, count));
            }
            catch (AggregateException e)
            {
                throw FirstFailure(e);
            }
        }
        else
        {
            for (var c = 0; c < columnCount; c++)
                ConvertColumn(c, chunk, rows, count);
        }

        var widened = false;
        var columns = new Column[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            columns[c] = _columns[c].Builder.Build();
            widened |= columns[c].Type != _schema[c].Type;
        }
        if (widened)
            _schema = new Schema(_columns.Select(c => new Field(c.Name, c.Converter.Format.Type)));
        return new RecordBatch(_schema, columns, count);
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

    private void ConvertColumn(int c, Chunk chunk, int[]? rows, int count)
    {
        var state = _columns[c];
        var index = chunk.Index;
        var bytes = chunk.Bytes;
        var rowStart = index.RowStart;
        var rowFieldStart = index.RowFieldStart;
        var fieldEnd = index.FieldEnd;
        var columnCount = _columns.Length;
        var quotesAnywhere = _dialect.QuotesAnywhere;
        var scratch = state.Scratch;
    Restart:
        var converter = state.Converter;
        var builder = state.Builder;
        for (var k = 0; k < count; k++)
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
                    builder.AppendNull(); // padded
                    continue;
                }
                start = c == 0 ? rowStart[r] : fieldEnd[first + c - 1] + 1;
                end = fieldEnd[first + c];
            }
            var value = Unquote(bytes[start..end], _quote, _escape, quotesAnywhere, ref scratch, out var quoted);
            if (converter.TryAppend(builder, value, quoted))
                continue;
            var row = chunk.FirstRow + (rows is null ? k : rows[k]);
            Widen(state, value, row);
            builder.Build().Dispose();
            goto Restart;
        }
        state.Scratch = scratch;
    }

    /// <summary>A value did not fit its column's type: widen the column, or ask the caller to restart wider.</summary>
    private void Widen(ColumnState state, ReadOnlySpan<byte> value, long row)
    {
        var from = state.Converter.Format;
        var to = state.Converter.Widen(value);
        var c = Array.IndexOf(_columns, state);
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
