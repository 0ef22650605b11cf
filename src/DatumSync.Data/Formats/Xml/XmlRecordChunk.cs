using System.Buffers;
using System.Text;

namespace DatumSync.Data.Formats.Xml;

/// <summary>
/// The raw text of a run of records, as UTF-8 cells (column, bytes), kept until the batch is converted: conversion
/// runs column by column, and a column that widens mid-batch is converted again from this text, as the CSV reader
/// does with its chunk. Absent and null values have no cell. Buffers are pooled and reused across batches.
/// </summary>
internal sealed class XmlRecordChunk : IDisposable
{
    private byte[] _data = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int[] _cellColumn = ArrayPool<int>.Shared.Rent(1024);
    private int[] _cellStart = ArrayPool<int>.Shared.Rent(1024);
    private int[] _cellLength = ArrayPool<int>.Shared.Rent(1024);
    private int[] _recordEnd = ArrayPool<int>.Shared.Rent(256);
    private long[] _recordLine = ArrayPool<long>.Shared.Rent(256);
    private int _cellCount;
    private bool _disposed;

    /// <summary>The 1-based number of the first record.</summary>
    public long FirstRecord { get; private set; } = 1;

    /// <summary>Complete records held.</summary>
    public int RecordCount { get; private set; }

    /// <summary>UTF-8 bytes held.</summary>
    public int DataLength { get; private set; }

    /// <summary>Empties the chunk for records numbered from <paramref name="firstRecord"/>.</summary>
    public void Clear(long firstRecord)
    {
        FirstRecord = firstRecord;
        RecordCount = 0;
        DataLength = 0;
        _cellCount = 0;
    }

    /// <summary>Adds a value of the record being read.</summary>
    /// <exception cref="DataFormatException">The chunk would pass 2 GiB.</exception>
    public void Add(int column, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if ((long)DataLength + max > Array.MaxLength)
            throw new DataFormatException($"a batch of XML records holds more than {Array.MaxLength >> 20} MiB of text; pass a smaller batch size");
        if (DataLength + max > _data.Length)
            Grow(ref _data, DataLength + max);
        var n = Encoding.UTF8.GetBytes(value, _data.AsSpan(DataLength));
        if (_cellCount == _cellColumn.Length)
        {
            Grow(ref _cellColumn, _cellCount + 1);
            Grow(ref _cellStart, _cellCount + 1);
            Grow(ref _cellLength, _cellCount + 1);
        }
        _cellColumn[_cellCount] = column;
        _cellStart[_cellCount] = DataLength;
        _cellLength[_cellCount] = n;
        _cellCount++;
        DataLength += n;
    }

    /// <summary>Completes the record being read, which began at <paramref name="line"/>.</summary>
    public void EndRecord(long line)
    {
        if (RecordCount == _recordEnd.Length)
        {
            Grow(ref _recordEnd, RecordCount + 1);
            Grow(ref _recordLine, RecordCount + 1);
        }
        _recordEnd[RecordCount] = _cellCount;
        _recordLine[RecordCount] = line;
        RecordCount++;
    }

    /// <summary>Renumbers the columns of every cell: cell column c becomes <paramref name="map"/>[c].</summary>
    public void RemapColumns(ReadOnlySpan<int> map)
    {
        for (var i = 0; i < _cellCount; i++)
            _cellColumn[i] = map[_cellColumn[i]];
    }

    /// <summary>The line where record <paramref name="record"/> (0-based in the chunk) starts.</summary>
    public long Line(int record) => _recordLine[record];

    /// <summary>The bytes of cell <paramref name="cell"/>.</summary>
    public ReadOnlySpan<byte> Value(int cell) => _data.AsSpan(_cellStart[cell], _cellLength[cell]);

    /// <summary>
    /// The cells of records <paramref name="from"/> to <paramref name="to"/> grouped by column, each column's in record
    /// order: memory in proportion to the values present, however many columns are sparse.
    /// </summary>
    public CellsByColumn ByColumn(int from, int to, int columnCount)
    {
        var first = from == 0 ? 0 : _recordEnd[from - 1];
        var last = to == from ? first : _recordEnd[to - 1];
        var cells = new CellsByColumn(columnCount, last - first);
        var start = cells.Start;
        for (var cell = first; cell < last; cell++)
            start[_cellColumn[cell] + 1]++;
        for (var c = 0; c < columnCount; c++)
            start[c + 1] += start[c];
        var cursor = ArrayPool<int>.Shared.Rent(Math.Max(1, columnCount));
        try
        {
            start.AsSpan(0, columnCount).CopyTo(cursor);
            var cell = first;
            for (var r = from; r < to; r++)
            {
                for (var end = _recordEnd[r]; cell < end; cell++)
                {
                    var at = cursor[_cellColumn[cell]]++;
                    cells.Row[at] = r - from;
                    cells.Cell[at] = cell;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(cursor);
        }
        return cells;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        ArrayPool<byte>.Shared.Return(_data);
        ArrayPool<int>.Shared.Return(_cellColumn);
        ArrayPool<int>.Shared.Return(_cellStart);
        ArrayPool<int>.Shared.Return(_cellLength);
        ArrayPool<int>.Shared.Return(_recordEnd);
        ArrayPool<long>.Shared.Return(_recordLine);
        _data = [];
        _cellColumn = _cellStart = _cellLength = _recordEnd = [];
        _recordLine = [];
    }

    private static void Grow<T>(ref T[] buffer, int needed)
    {
        var bigger = ArrayPool<T>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)needed, buffer.Length * 2L)));
        buffer.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(buffer);
        buffer = bigger;
    }

    /// <summary>Cells grouped by column: column c's entries are <see cref="Start"/>[c] to <see cref="Start"/>[c + 1].</summary>
    internal sealed class CellsByColumn : IDisposable
    {
        public CellsByColumn(int columnCount, int cellCount)
        {
            Start = ArrayPool<int>.Shared.Rent(columnCount + 1);
            Start.AsSpan(0, columnCount + 1).Clear();
            Row = ArrayPool<int>.Shared.Rent(Math.Max(1, cellCount));
            Cell = ArrayPool<int>.Shared.Rent(Math.Max(1, cellCount));
        }

        /// <summary>Where each column's entries begin (one more than the columns).</summary>
        public int[] Start { get; }

        /// <summary>The entry's record, relative to the first record laid out.</summary>
        public int[] Row { get; }

        /// <summary>The entry's cell in the chunk.</summary>
        public int[] Cell { get; }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(Start);
            ArrayPool<int>.Shared.Return(Row);
            ArrayPool<int>.Shared.Return(Cell);
        }
    }
}
