using System.Text.Encodings.Web;
using System.Text.Json;

namespace DatumSync.Data.Formats.Json;

/// <summary>
/// Writes batches as JSON objects, one per row: a JSON array with one object per line (<c>[\n{...},\n{...}\n]</c>)
/// or NDJSON (<c>{...}\n{...}\n</c>). UTF-8 without BOM.
/// </summary>
/// <remarks>
/// <para>Values: Boolean → <c>true</c>/<c>false</c>; Int64 → number; Double → number (shortest round-trip text, with
/// <c>.0</c> on integral values so that they read back as doubles, as DuckDB writes them), except NaN and ±Infinity,
/// which JSON cannot express and are written as <c>null</c> (DuckDB and pandas both read null back as a missing
/// value, where a string such as <c>"NaN"</c> would turn the whole column into text); Decimal → the exact number
/// text with every scale digit (never via double); String → string; Date → <c>"yyyy-MM-dd"</c>; Timestamp →
/// ISO 8601 <c>"yyyy-MM-ddTHH:mm:ss[.ffffff]"</c> with a <c>Z</c> when the type <see cref="DataType.HasOffset"/>;
/// null → <c>null</c>.</para>
/// <para>Keys are the column names as they are, so dotted names from flattened input (<c>a.b</c>) stay flat keys by
/// default: the output then has exactly the columns of the table. With the setting <see cref="NestedSetting"/> =
/// <c>true</c> in <see cref="WriteOptions.Settings"/>, dotted names become nested objects again
/// (<c>{"a":{"b":1}}</c>); a column stays flat when a shorter dotted prefix of its name is itself a column (<c>a</c>
/// beside <c>a.b</c>) or its name has an empty segment.</para>
/// <para>Non-ASCII text is written as UTF-8 rather than <c>\u</c> escapes (characters outside the Basic Multilingual
/// Plane are still escaped as surrogate pairs, as <see cref="Utf8JsonWriter"/> does); the output is not meant to be
/// embedded in HTML unescaped.</para>
/// </remarks>
public sealed class JsonWriter : IBatchWriter
{
    /// <summary>The <see cref="WriteOptions.Settings"/> key that turns dotted column names into nested objects
    /// (<c>true</c>/<c>false</c>; default false).</summary>
    public const string NestedSetting = "json.nested";

    private const int InitialBufferBytes = 256 * 1024;
    private const int FlushThresholdBytes = 192 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The structure comes from our own plan; validation would only cost time.
        SkipValidation = true,
    };

    private readonly Stream _output;
    private readonly JsonLayout _layout;
    private readonly PooledBufferWriter _buffer;
    private readonly Utf8JsonWriter _json;
    private readonly PlanStep[] _plan;
    private long _rows;
    private bool _disposed;

    /// <summary>Creates a writer over <paramref name="output"/>; the caller owns the stream.</summary>
    /// <param name="output">Where the JSON goes.</param>
    /// <param name="schema">The schema of the batches.</param>
    /// <param name="options">Write options; <see cref="NestedSetting"/> is read from its settings.</param>
    /// <param name="layout">A JSON array (format <c>json</c>) or one object per line (format <c>ndjson</c>).</param>
    public JsonWriter(Stream output, Schema schema, WriteOptions options, JsonLayout layout = JsonLayout.Array)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        _output = output;
        _layout = layout;
        Schema = schema;
        var nested = options?.Settings is { } settings
            && settings.TryGetValue(NestedSetting, out var value)
            && bool.TryParse(value, out var b) && b;
        _plan = nested ? BuildNestedPlan(schema) : BuildFlatPlan(schema);
        _buffer = new PooledBufferWriter(InitialBufferBytes);
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <inheritdoc />
    public Schema Schema { get; }

    /// <inheritdoc />
    public async ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriterChecks.RequireSchema(Schema, batch);
        for (var r = 0; r < batch.RowCount; r++)
        {
            WriteRow(batch, r);
            if (_buffer.WrittenCount >= FlushThresholdBytes)
                await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_layout == JsonLayout.Array)
            _buffer.Write(_rows == 0 ? "[]\n"u8 : "\n]\n"u8);
        await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _json.DisposeAsync().ConfigureAwait(false);
        _buffer.Dispose();
    }


    private void WriteRow(RecordBatch batch, int row)
    {
        if (_layout == JsonLayout.Array)
            _buffer.Write(_rows == 0 ? "[\n"u8 : ",\n"u8);
        var json = _json;
        json.WriteStartObject();
        foreach (var step in _plan)
        {
            switch (step.Kind)
            {
                case PlanStepKind.Value:
                    json.WritePropertyName(step.Name);
                    WriteValue(json, batch.Column(step.Column), row);
                    break;
                case PlanStepKind.StartObject:
                    json.WritePropertyName(step.Name);
                    json.WriteStartObject();
                    break;
                default:
                    json.WriteEndObject();
                    break;
            }
        }
        json.WriteEndObject();
        // Each row is a complete top-level value: commit it to the buffer, then start the writer afresh so the
        // separators between rows stay ours.
        json.Flush();
        json.Reset();
        if (_layout == JsonLayout.Lines)
            _buffer.Write("\n"u8);
        _rows++;
    }

    private static void WriteValue(Utf8JsonWriter json, Column column, int row)
    {
        if (column.IsNull(row))
        {
            json.WriteNullValue();
            return;
        }
        switch (column)
        {
            case StringColumn s:
                json.WriteStringValue(s.GetBytes(row));
                break;
            case Int64Column l:
                json.WriteNumberValue(l[row]);
                break;
            case DoubleColumn d:
                WriteDouble(json, d[row]);
                break;
            case BooleanColumn b:
                json.WriteBooleanValue(b[row]);
                break;
            case DecimalColumn:
                {
                    // The canonical text is a valid JSON number; writing it raw keeps every digit.
                    Span<byte> text = stackalloc byte[64];
                    column.TryFormatUtf8(row, text, out var n);
                    json.WriteRawValue(text[..n], skipInputValidation: true);
                    break;
                }
            default:
                {
                    // Date and timestamp: their canonical ISO 8601 text as a string.
                    Span<byte> text = stackalloc byte[64];
                    column.TryFormatUtf8(row, text, out var n);
                    json.WriteStringValue(text[..n]);
                    break;
                }
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (!double.IsFinite(value))
        {
            json.WriteNullValue();
            return;
        }
        Span<byte> text = stackalloc byte[40];
        ValueFormatter.TryFormatDouble(value, text, out var n);
        // 2.0 would format as "2" and read back as an integer; the ".0" keeps the column a double.
        if (text[..n].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            text[n++] = (byte)'.';
            text[n++] = (byte)'0';
        }
        json.WriteRawValue(text[..n], skipInputValidation: true);
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount == 0)
            return;
        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
    }

    private static PlanStep[] BuildFlatPlan(Schema schema)
        => [.. schema.Select((f, i) => new PlanStep(PlanStepKind.Value, Encode(f.Name), i))];

    private static PlanStep[] BuildNestedPlan(Schema schema)
    {
        var names = new HashSet<string>(schema.Select(f => f.Name), StringComparer.Ordinal);
        var root = new PlanNode("");
        for (var i = 0; i < schema.Count; i++)
        {
            var name = schema[i].Name;
            var segments = name.Split('.');
            if (segments.Length == 1 || segments.Any(s => s.Length == 0) || HasColumnPrefix(name, names))
            {
                root.Add(new PlanNode(name) { Column = i });
                continue;
            }
            var node = root;
            foreach (var segment in segments.AsSpan(0, segments.Length - 1))
                node = node.Branch(segment);
            node.Add(new PlanNode(segments[^1]) { Column = i });
        }
        var steps = new List<PlanStep>();
        foreach (var child in root.Children)
            child.Emit(steps);
        return [.. steps];
    }

    private static bool HasColumnPrefix(string name, HashSet<string> names)
    {
        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            if (names.Contains(name[..dot]))
                return true;
        }
        return false;
    }

    private static JsonEncodedText Encode(string name) => JsonEncodedText.Encode(name, WriterOptions.Encoder);

    private enum PlanStepKind : byte
    {
        Value,
        StartObject,
        EndObject,
    }

    private readonly record struct PlanStep(PlanStepKind Kind, JsonEncodedText Name, int Column);

    /// <summary>A key of the nested output: a column (leaf) or an object of keys (branch).</summary>
    private sealed class PlanNode(string name)
    {
        private readonly Dictionary<string, PlanNode> _branches = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public int Column { get; init; } = -1;

        public List<PlanNode> Children { get; } = [];

        public void Add(PlanNode leaf) => Children.Add(leaf);

        public PlanNode Branch(string segment)
        {
            if (!_branches.TryGetValue(segment, out var branch))
            {
                branch = new PlanNode(segment);
                _branches.Add(segment, branch);
                Children.Add(branch);
            }
            return branch;
        }

        public void Emit(List<PlanStep> steps)
        {
            if (Column >= 0)
            {
                steps.Add(new PlanStep(PlanStepKind.Value, Encode(Name), Column));
                return;
            }
            steps.Add(new PlanStep(PlanStepKind.StartObject, Encode(Name), -1));
            foreach (var child in Children)
                child.Emit(steps);
            steps.Add(new PlanStep(PlanStepKind.EndObject, default, -1));
        }
    }
}
