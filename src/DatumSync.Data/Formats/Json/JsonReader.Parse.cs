using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DatumSync.Data.Formats.Json;

// Tokens → records: the top-level layout, flattening of nested objects, key lookup and error messages.
public sealed partial class JsonReader
{
    private enum ParseStatus
    {
        /// <summary>A record was read (or the requested number of records).</summary>
        Record,
        /// <summary>The buffer ends before the next record does.</summary>
        NeedMoreData,
        /// <summary>The input is complete.</summary>
        End,
    }

    private enum TopLevel
    {
        /// <summary>Nothing read yet.</summary>
        Start,
        /// <summary>Inside the top-level array.</summary>
        InArray,
        /// <summary>After the top-level array's closing bracket.</summary>
        AfterArray,
        /// <summary>Top-level objects one after another (NDJSON, or a JSON object document).</summary>
        Objects,
    }

    private readonly ColumnKeyTable _keys = new();
    // _successor[c + 1] is the column that followed column c last time (index 0: the first key of a record). Keys
    // usually come in the same order in every record, so one byte comparison usually finds the column.
    private int[] _successor = [-1];
    private int _previousColumn = -1;
    private byte[] _path = new byte[256];
    private bool _schemaFixed;
    private int _sampleRecords;

    private TopLevel _top;
    private long _recordNumber;
    private long _recordLine;
    private bool _inRecord;

    // Newlines are counted lazily, up to the start of each record, for messages.
    private long _lineCount;
    private int _lineCountPos;

    // Where the current Utf8JsonReader's span starts in _buffer, and the last point it can resume from.
    private int _origin;
    private int _checkpoint;
    private JsonReaderState _checkpointState;

    /// <summary>
    /// Reads records from the buffer into <paramref name="target"/> until <paramref name="maxRecords"/> were read
    /// (<see cref="ParseStatus.Record"/>), the buffer ends inside one (<see cref="ParseStatus.NeedMoreData"/>; the
    /// unfinished record is dropped and read again after the next fill) or the input ends.
    /// </summary>
    /// <param name="target">Where parsed values go.</param>
    /// <param name="maxRecords">Stop after this many.</param>
    /// <param name="commit">Append each record to the column builders (and clear <paramref name="target"/>).</param>
    /// <param name="produced">Incremented per record.</param>
    private ParseStatus ParseRecords(ParsedRecords target, int maxRecords, bool commit, ref int produced)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _isFinal, _state);
        _origin = _start;
        _checkpoint = 0;
        _checkpointState = _state;
        try
        {
            for (var n = 0; n < maxRecords; n++)
            {
                var status = NextRecord(ref reader, target);
                if (status != ParseStatus.Record)
                {
                    target.DiscardPartialRecord();
                    if (status == ParseStatus.End)
                        SetCheckpoint(ref reader);
                    return status;
                }
                _recordNumber++;
                SetCheckpoint(ref reader);
                if (commit)
                {
                    CommitRecord(target, 0, _recordNumber);
                    target.Clear();
                }
                produced++;
            }
            return ParseStatus.Record;
        }
        catch (JsonException e)
        {
            throw InvalidJson(e);
        }
        finally
        {
            _start = _origin + _checkpoint;
            _state = _checkpointState;
        }
    }

    private void SetCheckpoint(ref Utf8JsonReader reader)
    {
        _checkpoint = (int)reader.BytesConsumed;
        _checkpointState = reader.CurrentState;
    }

    private ParseStatus NextRecord(ref Utf8JsonReader reader, ParsedRecords target)
    {
        _inRecord = false;
        while (true)
        {
            if (!reader.Read())
            {
                // With the final block, Read() is false only at the end of complete input (it throws otherwise).
                return _isFinal ? ParseStatus.End : ParseStatus.NeedMoreData;
            }
            var token = reader.TokenType;
            switch (_top)
            {
                case TopLevel.Start when token == JsonTokenType.StartArray && _layout == JsonLayout.Array:
                    _top = TopLevel.InArray;
                    SetCheckpoint(ref reader);
                    continue;
                case TopLevel.Start when token == JsonTokenType.StartObject:
                    _top = TopLevel.Objects;
                    return ParseRecord(ref reader, target);
                case TopLevel.InArray when token == JsonTokenType.EndArray:
                    _top = TopLevel.AfterArray;
                    SetCheckpoint(ref reader);
                    continue;
                case TopLevel.InArray or TopLevel.Objects when token == JsonTokenType.StartObject:
                    return ParseRecord(ref reader, target);
                default:
                    throw NotARecord(ref reader);
            }
        }
    }

    private ParseStatus ParseRecord(ref Utf8JsonReader reader, ParsedRecords target)
    {
        _recordLine = LineAt(_origin + (int)reader.TokenStartIndex);
        _inRecord = true;
        _previousColumn = -1;
        var status = ParseObject(ref reader, target, 0);
        if (status != ParseStatus.Record)
            return status;
        _inRecord = false;
        target.EndRecord(_recordLine);
        return ParseStatus.Record;
    }

    /// <summary>Reads the members of an object whose <c>{</c> was just read; keys get <c>_path[..prefix]</c> + '.'.</summary>
    private ParseStatus ParseObject(ref Utf8JsonReader reader, ParsedRecords target, int prefix)
    {
        while (true)
        {
            if (!reader.Read())
                return ParseStatus.NeedMoreData;
            if (reader.TokenType == JsonTokenType.EndObject)
                return ParseStatus.Record;
            var pathEnd = AppendKey(ref reader, prefix);
            if (!reader.Read())
                return ParseStatus.NeedMoreData;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var status = ParseObject(ref reader, target, pathEnd);
                    if (status != ParseStatus.Record)
                        return status;
                    break;
                case JsonTokenType.StartArray:
                    var begin = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                        return ParseStatus.NeedMoreData;
                    AddArray(target, ResolveColumn(pathEnd), _buffer.AsSpan(_origin + begin, (int)reader.BytesConsumed - begin));
                    break;
                case JsonTokenType.String:
                    AddString(ref reader, target, ResolveColumn(pathEnd));
                    break;
                case JsonTokenType.Number:
                    target.Add(ResolveColumn(pathEnd), JsonValueKind.Number, reader.ValueSpan);
                    break;
                case JsonTokenType.True:
                    target.Add(ResolveColumn(pathEnd), JsonValueKind.True, []);
                    break;
                case JsonTokenType.False:
                    target.Add(ResolveColumn(pathEnd), JsonValueKind.False, []);
                    break;
                default:
                    target.Add(ResolveColumn(pathEnd), JsonValueKind.Null, []);
                    break;
            }
        }
    }

    /// <summary>Writes the (unescaped) property name after <c>_path[..prefix]</c> and a dot.</summary>
    /// <returns>The end of the key path in <see cref="_path"/>.</returns>
    private int AppendKey(ref Utf8JsonReader reader, int prefix)
    {
        var raw = reader.ValueSpan;
        var at = prefix == 0 ? 0 : prefix + 1;
        if (_path.Length < at + raw.Length)
            Array.Resize(ref _path, Math.Max(_path.Length * 2, at + raw.Length));
        if (prefix > 0)
            _path[prefix] = (byte)'.';
        var n = reader.ValueIsEscaped ? CopyUnescaped(ref reader, _path.AsSpan(at)) : Copy(raw, _path.AsSpan(at));
        return at + n;
    }

    private void AddString(ref Utf8JsonReader reader, ParsedRecords target, int column)
    {
        var raw = reader.ValueSpan;
        var destination = target.Reserve(raw.Length);
        var n = reader.ValueIsEscaped ? CopyUnescaped(ref reader, destination) : Copy(raw, destination);
        target.Commit(column, JsonValueKind.String, n);
    }

    private int Copy(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        // Utf8JsonReader checks JSON structure, not UTF-8, and columns must hold valid UTF-8.
        if (!Utf8.IsValid(raw))
            throw InvalidText("invalid UTF-8 in a string; expected UTF-8 text");
        raw.CopyTo(destination);
        return raw.Length;
    }

    private int CopyUnescaped(ref Utf8JsonReader reader, Span<byte> destination)
    {
        try
        {
            var n = reader.CopyString(destination);
            if (!Utf8.IsValid(destination[..n]))
                throw InvalidText("invalid UTF-8 in a string; expected UTF-8 text");
            return n;
        }
        catch (InvalidOperationException e)
        {
            // A lone surrogate escape such as \ud800 cannot become UTF-8.
            throw InvalidText($"a string cannot be decoded ({e.Message}); expected valid UTF-8 and \\u escapes");
        }
    }

    /// <summary>Adds an array's JSON text, without the whitespace outside strings (pretty-printed input stays
    /// readable in one cell).</summary>
    private void AddArray(ParsedRecords target, int column, ReadOnlySpan<byte> raw)
    {
        if (!Utf8.IsValid(raw))
            throw InvalidText("invalid UTF-8 in an array; expected UTF-8 text");
        if (raw.IndexOfAny(" \t\r\n"u8) < 0)
        {
            target.Add(column, JsonValueKind.Array, raw);
            return;
        }
        var destination = target.Reserve(raw.Length);
        var n = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in raw)
        {
            if (inString)
            {
                destination[n++] = b;
                if (escaped)
                    escaped = false;
                else if (b == '\\')
                    escaped = true;
                else if (b == '"')
                    inString = false;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                destination[n++] = b;
                inString = b == '"';
            }
        }
        target.Commit(column, JsonValueKind.Array, n);
    }

    /// <summary>The column of the key path <c>_path[..pathEnd]</c>; during the sample, a new key adds a column.</summary>
    private int ResolveColumn(int pathEnd)
    {
        var key = _path.AsSpan(0, pathEnd);
        var slot = _previousColumn + 1;
        var column = _successor[slot];
        if (column < 0 || !key.SequenceEqual(_keys.Key(column)))
        {
            column = _keys.Find(key);
            if (column < 0)
                column = AddColumn(key);
            _successor[slot] = column;
        }
        _previousColumn = column;
        return column;
    }

    private int AddColumn(ReadOnlySpan<byte> key)
    {
        if (_schemaFixed)
        {
            var name = Encoding.UTF8.GetString(key);
            throw new DataFormatException(_sourceName,
                $"key '{name}' first appears after the {_sampleRecords} records used to infer the schema, so it has no column; " +
                $"raise --infer-rows to at least {_recordNumber + 1} so the sample includes it",
                row: _recordNumber + 1, column: name, line: _recordLine);
        }
        var column = _keys.Add(key);
        if (_successor.Length < column + 2)
        {
            var old = _successor.Length;
            Array.Resize(ref _successor, Math.Max(old * 2, column + 2));
            _successor.AsSpan(old).Fill(-1);
        }
        return column;
    }

    /// <summary>The 1-based line of the byte at <paramref name="bufferIndex"/> (which only moves forward).</summary>
    private long LineAt(int bufferIndex)
    {
        if (bufferIndex > _lineCountPos)
        {
            _lineCount += _buffer.AsSpan(_lineCountPos, bufferIndex - _lineCountPos).Count((byte)'\n');
            _lineCountPos = bufferIndex;
        }
        return _lineCount + 1;
    }

    private DataFormatException NotARecord(ref Utf8JsonReader reader)
    {
        var line = LineAt(_origin + (int)reader.TokenStartIndex);
        var record = _recordNumber + 1;
        var what = reader.TokenType switch
        {
            JsonTokenType.StartArray => "an array",
            JsonTokenType.EndArray => "the end of an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => reader.TokenType.ToString(),
        };
        var problem = (_layout, _top) switch
        {
            (JsonLayout.Lines, _) => $"line {line} holds {what} where record {record} should be; expected one JSON object per line"
                + (_top == TopLevel.Start && reader.TokenType == JsonTokenType.StartArray ? " (for a JSON array of objects use format json)" : ""),
            (_, TopLevel.InArray) => $"element {record} of the top-level array is {what}; expected an object",
            (_, TopLevel.AfterArray) => $"found {what} after the closing ']' of the top-level array; expected the end of the input",
            (_, TopLevel.Start) => $"the input starts with {what}; expected an array of objects or an object",
            _ => $"record {record} is {what}; expected an object",
        };
        return new DataFormatException(_sourceName, problem, row: _top == TopLevel.AfterArray ? null : record, line: line);
    }

    private DataFormatException InvalidText(string problem)
        => new(_sourceName, problem, row: _recordNumber + 1, line: _recordLine);

    private DataFormatException InvalidJson(JsonException e)
    {
        var line = (e.LineNumber ?? _lineCount) + 1;
        long? record = _recordNumber + 1;
        string problem;
        if (_isFinal && EndsWithValidPrefix())
        {
            if (_inRecord)
            {
                problem = $"the input ends inside record {record}, which starts on line {_recordLine}; expected the rest of the object and its closing '}}' (is the file truncated?)";
            }
            else
            {
                record = null;
                problem = _top == TopLevel.InArray
                    ? "the input ends inside the top-level array; expected ',' and more objects, or the closing ']' (is the file truncated?)"
                    : "the input ends inside a JSON value; expected it to be complete (is the file truncated?)";
            }
        }
        else
        {
            problem = $"invalid JSON at byte {(e.BytePositionInLine ?? 0) + 1} of line {line}: {Reason(e.Message)}";
        }
        return new DataFormatException(_sourceName, problem, row: record, line: line, inner: e);
    }

    /// <summary>The reader's message without its position suffix, on one line, with advice that fits our users.</summary>
    private static string Reason(string message)
    {
        var reason = message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
            reason = reason[..cut];
        // Options of our reader are not the user's to change.
        reason = reason.Replace(" which is not supported in this mode. Change the reader options.", "; expected another value after the ','", StringComparison.Ordinal)
            .Replace(" Change the reader options.", "", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
        if (reason.Contains("invalid start of a value", StringComparison.OrdinalIgnoreCase))
            reason += " Expected a JSON value: an object, array, string, number, true, false or null.";
        return reason;
    }

    /// <summary>
    /// Whether the input after the last complete record is valid JSON that merely stops: a reader that is told more
    /// data may follow then runs out without finding an error.
    /// </summary>
    private bool EndsWithValidPrefix()
    {
        var from = _origin + _checkpoint;
        var probe = new Utf8JsonReader(_buffer.AsSpan(from, _end - from), isFinalBlock: false, _checkpointState);
        try
        {
            while (probe.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
