using System.Text;

namespace DatumSync.Data.Formats.Json;

// Parsed values → typed columns: inference over the sample, appending to builders, widening.
public sealed partial class JsonReader
{
    private const long MicrosPerDay = 86_400_000_000;

    /// <summary>The kinds of value a column showed in the sample.</summary>
    [Flags]
    private enum Seen : ushort
    {
        None = 0,
        Int64 = 1 << 0,
        BigInteger = 1 << 1,
        Float = 1 << 2,
        Boolean = 1 << 3,
        Date = 1 << 4,
        Timestamp = 1 << 5,
        TimestampWithOffset = 1 << 6,
        Text = 1 << 7,
        Array = 1 << 8,
        /// <summary>A fraction without exponent, at most 38 digits: exact as a decimal.</summary>
        Fixed = 1 << 9,
        Numbers = Int64 | BigInteger | Float | Fixed,
        // Once a column shows any of these it is a string column whatever else comes.
        NotTemporal = Numbers | Boolean | Text | Array,
    }

    private ColumnBuilder[] _builders = [];
    private DataType[] _types = [];
    private int[] _slot = [];
    private long[] _slotStamp = [];
    private long _stamp;

    /// <summary>Types the sampled columns and prepares the builders; from now on the schema does not change.</summary>
    private void FixSchema(ParsedRecords sample, ReadOptions options)
    {
        var count = _keys.Count;
        var seen = new Seen[count];
        var integerDigits = new int[count];
        var scale = new int[count];
        foreach (ref readonly var v in sample.AllValues)
        {
            var observed = Observe(v.Kind, sample.Bytes(v), seen[v.Column]);
            seen[v.Column] |= observed;
            if (observed == Seen.Fixed && Inference.Utf8ValueParser.TryMeasureFixed(sample.Bytes(v), Inference.NumberStyle.Invariant, out var i, out var f))
            {
                integerDigits[v.Column] = Math.Max(integerDigits[v.Column], i);
                scale[v.Column] = Math.Max(scale[v.Column], f);
            }
        }
        var fields = new Field[count];
        _types = new DataType[count];
        _builders = new ColumnBuilder[count];
        var capacity = Math.Min(_batchRows, 1 << 16);
        for (var c = 0; c < count; c++)
        {
            var name = Encoding.UTF8.GetString(_keys.Key(c));
            var type = options.EffectiveColumnTypes is { } overrides && overrides.TryGetValue(name, out var t) ? t
                : options.AllStrings ? DataType.String
                : Infer(seen[c], integerDigits[c], scale[c]);
            fields[c] = new Field(name, type);
            _types[c] = type;
            _builders[c] = ColumnBuilder.Create(type, capacity);
        }
        Schema = new Schema(fields);
        _slot = new int[count];
        _slotStamp = new long[count];
        _sampleRecords = sample.RecordCount;
        _schemaFixed = true;
    }

    private static Seen Observe(JsonValueKind kind, ReadOnlySpan<byte> bytes, Seen sofar) => kind switch
    {
        JsonValueKind.Null => Seen.None,
        JsonValueKind.True or JsonValueKind.False => Seen.Boolean,
        JsonValueKind.Array => Seen.Array,
        JsonValueKind.Number => JsonScalars.Classify(bytes) switch
        {
            NumberClass.Int64 => Seen.Int64,
            NumberClass.BigInteger => Seen.BigInteger,
            _ when bytes.IndexOfAny((byte)'e', (byte)'E') < 0 && bytes.Length <= DataType.MaxDecimalPrecision + 2 => Seen.Fixed,
            _ => Seen.Float,
        },
        // Parsing dates is wasted once the column is bound to be text.
        _ when (sofar & Seen.NotTemporal) != 0 => Seen.Text,
        _ when JsonScalars.TryParseDate(bytes, out _) => Seen.Date,
        _ when JsonScalars.TryParseTimestamp(bytes, out _, out var offset) => offset ? Seen.TimestampWithOffset : Seen.Timestamp,
        _ => Seen.Text,
    };

    /// <remarks>JSON numbers are decimal text: fractions without exponent become exact decimals (as CSV numbers do),
    /// so <c>10.50</c> round-trips as written; an exponent anywhere makes the column double.</remarks>
    private static DataType Infer(Seen seen, int integerDigits, int scale)
    {
        if (seen == Seen.None)
            return DataType.String;
        if ((seen & ~Seen.Numbers) == 0)
        {
            if ((seen & (Seen.Fixed | Seen.Float)) == Seen.Fixed)
            {
                var digits = Math.Max(integerDigits, (seen & Seen.BigInteger) != 0 ? DataType.MaxDecimalPrecision : (seen & Seen.Int64) != 0 ? 19 : 0);
                if (digits + scale <= DataType.MaxDecimalPrecision)
                    return DataType.Decimal(Math.Max(18, digits + scale), scale);
            }
            return (seen & (Seen.Float | Seen.Fixed)) != 0 ? DataType.Double
                : (seen & Seen.BigInteger) != 0 ? DataType.Decimal(DataType.MaxDecimalPrecision, 0)
                : DataType.Int64;
        }
        return seen switch
        {
            Seen.Boolean => DataType.Boolean,
            Seen.Date => DataType.Date,
            Seen.Timestamp or (Seen.Date | Seen.Timestamp) => DataType.Timestamp,
            Seen.TimestampWithOffset => DataType.TimestampWithOffset,
            _ => DataType.String,
        };
    }

    /// <summary>Appends record <paramref name="record"/> of <paramref name="source"/> as one row.</summary>
    private void CommitRecord(ParsedRecords source, int record, long recordNumber)
    {
        var values = source.Values(record);
        var stamp = ++_stamp;
        for (var i = 0; i < values.Length; i++)
        {
            // A repeated key overwrites: the last value wins.
            var c = values[i].Column;
            _slot[c] = i;
            _slotStamp[c] = stamp;
        }
        for (var c = 0; c < _builders.Length; c++)
        {
            if (_slotStamp[c] != stamp)
                _builders[c].AppendNull();
            else if (!TryAppend(c, values[_slot[c]].Kind, source.Bytes(values[_slot[c]])))
                throw Widened(c, values[_slot[c]].Kind, source.Bytes(values[_slot[c]]), recordNumber);
        }
    }

    private bool TryAppend(int column, JsonValueKind kind, ReadOnlySpan<byte> bytes)
    {
        var builder = _builders[column];
        if (kind == JsonValueKind.Null)
        {
            builder.AppendNull();
            return true;
        }
        var type = _types[column];
        switch (type.Kind)
        {
            case TypeKind.String:
                ((StringColumnBuilder)builder).Append(kind switch
                {
                    JsonValueKind.True => "true"u8,
                    JsonValueKind.False => "false"u8,
                    _ => bytes,
                });
                return true;
            case TypeKind.Int64 when kind is JsonValueKind.Number or JsonValueKind.String:
                if (!JsonScalars.TryParseInt64(bytes, out var l))
                    return false;
                ((Int64ColumnBuilder)builder).Append(l);
                return true;
            case TypeKind.Double when kind is JsonValueKind.Number or JsonValueKind.String:
                if (!JsonScalars.TryParseDouble(bytes, out var d))
                    return false;
                ((DoubleColumnBuilder)builder).Append(d);
                return true;
            case TypeKind.Decimal when kind is JsonValueKind.Number or JsonValueKind.String:
                if (!JsonScalars.TryParseDecimal(bytes, type.Precision, type.Scale, out var m))
                    return false;
                ((DecimalColumnBuilder)builder).Append(m);
                return true;
            case TypeKind.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                ((BooleanColumnBuilder)builder).Append(kind == JsonValueKind.True);
                return true;
            case TypeKind.Boolean when kind is JsonValueKind.String && (bytes.SequenceEqual("true"u8) || bytes.SequenceEqual("false"u8)):
                ((BooleanColumnBuilder)builder).Append(bytes.Length == 4);
                return true;
            case TypeKind.Date when kind is JsonValueKind.String:
                if (!JsonScalars.TryParseDate(bytes, out var days))
                    return false;
                ((DateColumnBuilder)builder).Append(days);
                return true;
            case TypeKind.Timestamp when kind is JsonValueKind.String:
                if (JsonScalars.TryParseTimestamp(bytes, out var micros, out var offset))
                {
                    if (offset != type.HasOffset)
                        return false;
                    ((TimestampColumnBuilder)builder).Append(micros);
                    return true;
                }
                // A bare date is midnight, in a timestamp column without offsets.
                if (type.HasOffset || !JsonScalars.TryParseDate(bytes, out var dateOnly))
                    return false;
                ((TimestampColumnBuilder)builder).Append(dateOnly * MicrosPerDay);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The exception for a value that does not fit its column, with the schema that holds it.</summary>
    private SchemaWidenedException Widened(int column, JsonValueKind kind, ReadOnlySpan<byte> bytes, long recordNumber)
    {
        var from = _types[column];
        var to = WiderType(from, kind, bytes);
        var text = kind switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => Encoding.UTF8.GetString(bytes),
        };
        var field = Schema[column];
        return new SchemaWidenedException(_sourceName, Schema.With(column, field with { Type = to }), field.Name, recordNumber, text, from, to);
    }

    private static DataType WiderType(DataType from, JsonValueKind kind, ReadOnlySpan<byte> bytes)
    {
        if (kind == JsonValueKind.Number)
        {
            switch (from.Kind)
            {
                case TypeKind.Int64:
                    return JsonScalars.Classify(bytes) == NumberClass.BigInteger
                        ? DataType.Decimal(DataType.MaxDecimalPrecision, 0)
                        : DataType.Double;
                case TypeKind.Decimal:
                    var wider = JsonScalars.WidenDecimal(from, bytes);
                    return wider is not null && wider != from ? wider : DataType.Double;
            }
        }
        if (kind == JsonValueKind.String && from.Kind == TypeKind.Date
            && JsonScalars.TryParseTimestamp(bytes, out _, out var offset) && !offset)
            return DataType.Timestamp;
        return DataType.String;
    }

    private RecordBatch BuildBatch(int rows)
    {
        var columns = new Column[_builders.Length];
        for (var c = 0; c < columns.Length; c++)
            columns[c] = _builders[c].Build();
        return new RecordBatch(Schema, columns, rows);
    }
}
