using System.Buffers;

namespace DatumSync.Data.Formats.Json;

/// <summary>The kind of a parsed JSON value.</summary>
internal enum JsonValueKind : byte
{
    Null,
    False,
    True,
    /// <summary>The number's JSON text.</summary>
    Number,
    /// <summary>The unescaped UTF-8 text.</summary>
    String,
    /// <summary>The JSON text of an array (whitespace outside strings removed).</summary>
    Array,
}

/// <summary>One value of a record: its column, kind, and where its bytes are.</summary>
internal readonly record struct ParsedValue(int Column, JsonValueKind Kind, int Offset, int Length);

/// <summary>
/// Records parsed into flat (column, value) lists over one pooled byte arena. Holds the inference sample until it is
/// replayed, and otherwise one record at a time, so a record is handed on only once it has been read completely.
/// </summary>
internal sealed class ParsedRecords : IDisposable
{
    private byte[] _bytes;
    private int _byteCount;
    private ParsedValue[] _values;
    private int _valueCount;
    private int[] _recordStarts;
    private long[] _recordLines;
    private int _recordCount;

    public ParsedRecords(int initialBytes = 64 * 1024, int initialValues = 1024, int initialRecords = 64)
    {
        _bytes = ArrayPool<byte>.Shared.Rent(initialBytes);
        _values = ArrayPool<ParsedValue>.Shared.Rent(initialValues);
        _recordStarts = ArrayPool<int>.Shared.Rent(initialRecords + 1);
        _recordLines = ArrayPool<long>.Shared.Rent(initialRecords);
        _recordStarts[0] = 0;
    }

    /// <summary>The number of complete records.</summary>
    public int RecordCount => _recordCount;

    /// <summary>The values of record <paramref name="record"/>.</summary>
    public ReadOnlySpan<ParsedValue> Values(int record)
        => _values.AsSpan(_recordStarts[record], _recordStarts[record + 1] - _recordStarts[record]);

    /// <summary>All values of all complete records.</summary>
    public ReadOnlySpan<ParsedValue> AllValues => _values.AsSpan(0, _recordStarts[_recordCount]);

    /// <summary>The 1-based line on which record <paramref name="record"/> starts.</summary>
    public long Line(int record) => _recordLines[record];

    /// <summary>The bytes of a value.</summary>
    public ReadOnlySpan<byte> Bytes(in ParsedValue value) => _bytes.AsSpan(value.Offset, value.Length);

    /// <summary>Adds a value with its bytes to the record being parsed.</summary>
    public void Add(int column, JsonValueKind kind, ReadOnlySpan<byte> bytes)
    {
        var span = Reserve(bytes.Length);
        bytes.CopyTo(span);
        Commit(column, kind, bytes.Length);
    }

    /// <summary>Space for a value of at most <paramref name="maxBytes"/> written in place; then <see cref="Commit"/>.</summary>
    public Span<byte> Reserve(int maxBytes)
    {
        if (_bytes.Length - _byteCount < maxBytes)
            Grow(ref _bytes, checked(_byteCount + maxBytes));
        return _bytes.AsSpan(_byteCount, maxBytes);
    }

    /// <summary>Adds a value whose <paramref name="length"/> bytes were written into <see cref="Reserve"/>'s span.</summary>
    public void Commit(int column, JsonValueKind kind, int length)
    {
        if (_valueCount == _values.Length)
            Grow(ref _values, _valueCount + 1);
        _values[_valueCount++] = new ParsedValue(column, kind, _byteCount, length);
        _byteCount += length;
    }

    /// <summary>Completes the record being parsed (its values are those added since the last record).</summary>
    public void EndRecord(long line)
    {
        if (_recordCount + 2 > _recordStarts.Length)
            Grow(ref _recordStarts, _recordCount + 2);
        if (_recordCount + 1 > _recordLines.Length)
            Grow(ref _recordLines, _recordCount + 1);
        _recordLines[_recordCount] = line;
        _recordStarts[++_recordCount] = _valueCount;
    }

    /// <summary>Drops the values of a record that could not be completed.</summary>
    public void DiscardPartialRecord()
    {
        _valueCount = _recordStarts[_recordCount];
        _byteCount = _valueCount == 0 ? 0 : _values[_valueCount - 1].Offset + _values[_valueCount - 1].Length;
    }

    /// <summary>Forgets every record, keeping the buffers.</summary>
    public void Clear()
    {
        _byteCount = 0;
        _valueCount = 0;
        _recordCount = 0;
    }

    public void Dispose()
    {
        Return(ref _bytes);
        Return(ref _values);
        Return(ref _recordStarts);
        Return(ref _recordLines);
    }

    private static void Grow<T>(ref T[] buffer, int needed)
    {
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(buffer);
        buffer = bigger;
    }

    private static void Return<T>(ref T[] buffer)
    {
        if (buffer.Length == 0)
            return;
        ArrayPool<T>.Shared.Return(buffer);
        buffer = [];
    }
}
