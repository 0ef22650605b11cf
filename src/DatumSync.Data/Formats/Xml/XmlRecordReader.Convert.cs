using System.Text;
using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats.Xml;

// Conversion: raw cells → typed columns, widening a column whose value does not fit.
public sealed partial class XmlRecordReader
{
    // Below this many values a batch converts on one thread: task overhead would outweigh the work.
    private const int ParallelThreshold = 16_384;

    private ColumnState[] _columns = [];

    /// <summary>Records <see cref="From"/> to <see cref="To"/> of a chunk, part of one batch.</summary>
    private readonly record struct Segment(XmlRecordChunk Chunk, int From, int To);

    /// <summary>Converts the segments' records into one batch, column by column (in parallel when large).</summary>
    private RecordBatch Convert(List<Segment> segments, int rows)
    {
        var columnCount = _columns.Length;
        var layouts = new XmlRecordChunk.CellsByColumn[segments.Count];
        try
        {
            for (var s = 0; s < segments.Count; s++)
                layouts[s] = segments[s].Chunk.ByColumn(segments[s].From, segments[s].To, columnCount);
            if (columnCount > 1 && (long)rows * columnCount >= ParallelThreshold)
            {
                try
                {
                    Parallel.For(0, columnCount, c => ConvertColumn(c, segments, layouts));
                }
                catch (AggregateException e)
                {
                    throw FirstFailure(e);
                }
            }
            else
            {
                for (var c = 0; c < columnCount; c++)
                    ConvertColumn(c, segments, layouts);
            }
        }
        finally
        {
            foreach (var layout in layouts)
                layout?.Dispose();
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
        return new RecordBatch(_schema, columns, rows);
    }

    private static Exception FirstFailure(AggregateException e)
    {
        // Report the earliest record, so the message does not depend on thread timing.
        var failures = e.Flatten().InnerExceptions;
        return failures.OfType<DataFormatException>().OrderBy(f => f.Row ?? long.MaxValue).FirstOrDefault()
            ?? failures.FirstOrDefault() ?? e;
    }

    private void ConvertColumn(int c, List<Segment> segments, XmlRecordChunk.CellsByColumn[] layouts)
    {
        var state = _columns[c];
    Restart:
        var converter = state.Converter;
        var builder = state.Builder;
        for (var s = 0; s < segments.Count; s++)
        {
            var (chunk, from, to) = segments[s];
            var layout = layouts[s];
            var row = 0;
            for (int e = layout.Start[c], end = layout.Start[c + 1]; e < end; e++)
            {
                // Records without this column in between are nulls.
                for (var present = layout.Row[e]; row < present; row++)
                    builder.AppendNull();
                var value = chunk.Value(layout.Cell[e]);
                row++;
                if (converter.TryAppend(builder, value, quoted: false))
                    continue;
                Widen(state, c, value, chunk.FirstRecord + from + row - 1);
                builder.Build().Dispose();
                goto Restart;
            }
            for (; row < to - from; row++)
                builder.AppendNull();
        }
    }

    /// <summary>A value did not fit its column's type: widen the column, or ask the caller to restart wider.</summary>
    private void Widen(ColumnState state, int c, ReadOnlySpan<byte> value, long record)
    {
        var from = state.Converter.Format;
        var to = state.Converter.Widen(value);
        var text = Encoding.UTF8.GetString(value.Length > 80 ? value[..80] : value);
        if (_batchesEmitted > 0 && !_widenInPlace)
            throw new SchemaWidenedException(_source.Name, _schema.With(c, new Field(state.Name, to.Type)), state.Name, record, text, from.Type, to.Type);
        var note = $"record {record}: '{text}' does not fit {from.Type}; the column needs {to.Type}";
        lock (_inferred)
        {
            _inferred[c] = _inferred[c] with
            {
                Format = to,
                Confidence = to.Type.Kind == TypeKind.String ? Math.Min(_inferred[c].Confidence, 0.5) : _inferred[c].Confidence,
                Notes = [.. _inferred[c].Notes, $"widened from {from.Type} at {note}"],
            };
        }
        Warn($"column '{state.Name}' widened to {to.Type}: {note}");
        state.Converter = ValueConverter.Create(to, _nulls);
        state.Builder = state.Converter.CreateBuilder(Math.Min(_batchRows, 1 << 16));
    }

    private sealed class ColumnState(string name, ValueConverter converter, int capacity)
    {
        public string Name { get; } = name;

        public ValueConverter Converter { get; set; } = converter;

        public ColumnBuilder Builder { get; set; } = converter.CreateBuilder(capacity);
    }
}
