using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace DatumSync.Data.Formats.Csv;

/// <summary>
/// Where the rows and fields of one scanned chunk of UTF-8 bytes are. <see cref="CsvScanner.Scan"/> fills it; the
/// reader reuses one instance for every chunk, so the arrays (rented from <see cref="ArrayPool{T}"/> and grown
/// geometrically) are allocated only while the largest chunk is still growing.
/// </summary>
/// <remarks>
/// All offsets are relative to the buffer passed to <see cref="CsvScanner.Scan"/>. Row <c>r</c> starts at
/// <c>RowStart[r]</c>; its fields are the indices <c>RowFieldStart[r] .. RowFieldStart[r + 1] - 1</c>. Field
/// <c>i</c> ends (exclusive) at <c>FieldEnd[i]</c>, the position of the delimiter or row terminator after it, and
/// starts at <c>RowStart[r]</c> if it is its row's first field, else at <c>FieldEnd[i - 1] + 1</c>. Offsets are raw:
/// quotes are still in the bytes, the reader strips and unescapes them. A blank line is a row with one empty field.
/// The arrays are longer than the counts; only the first <see cref="RowCount"/> (+1) / <see cref="FieldCount"/>
/// entries are meaningful.
/// </remarks>
internal sealed class CsvFieldIndex : IDisposable
{
    private const int InitialRows = 256;
    private const int InitialFields = 2048;
    private const int MinimumPooledLength = 16;

    private int[] _rowStart;
    private int[] _rowFieldStart;
    private int[] _fieldEnd;

    /// <summary>Creates an empty index.</summary>
    public CsvFieldIndex()
    {
        _rowStart = ArrayPool<int>.Shared.Rent(InitialRows);
        _rowFieldStart = ArrayPool<int>.Shared.Rent(InitialRows + 1);
        _fieldEnd = ArrayPool<int>.Shared.Rent(InitialFields);
        _rowFieldStart[0] = 0;
    }

    /// <summary>Complete rows found in the chunk.</summary>
    public int RowCount { get; private set; }

    /// <summary>Fields in all complete rows.</summary>
    public int FieldCount => RowFieldStart[RowCount];

    /// <summary>Whether the final chunk ended inside a quoted field (the last row then runs to the end of the
    /// input; the reader reports an unterminated quote).</summary>
    public bool EndedInsideQuotes { get; internal set; }

    /// <summary>Byte offset where each row begins; entries <c>0 .. RowCount - 1</c> are valid.</summary>
    public int[] RowStart => _rowStart;

    /// <summary>Index of each row's first field; entries <c>0 .. RowCount</c> are valid (the last is
    /// <see cref="FieldCount"/>).</summary>
    public int[] RowFieldStart => _rowFieldStart;

    /// <summary>Exclusive end offset of each field; entries <c>0 .. FieldCount - 1</c> are valid.</summary>
    public int[] FieldEnd => _fieldEnd;

    /// <summary>Number of fields in <paramref name="row"/>.</summary>
    public int GetFieldCount(int row)
    {
        CheckRow(row);
        return _rowFieldStart[row + 1] - _rowFieldStart[row];
    }

    /// <summary>Byte offset where field <paramref name="fieldInRow"/> of <paramref name="row"/> starts.</summary>
    public int GetFieldStart(int row, int fieldInRow)
    {
        var field = FieldIndex(row, fieldInRow);
        return fieldInRow == 0 ? _rowStart[row] : _fieldEnd[field - 1] + 1;
    }

    /// <summary>Start offset and length (in bytes, quotes included) of a field.</summary>
    public (int Start, int Length) GetField(int row, int fieldInRow)
    {
        var field = FieldIndex(row, fieldInRow);
        var start = fieldInRow == 0 ? _rowStart[row] : _fieldEnd[field - 1] + 1;
        return (start, _fieldEnd[field] - start);
    }

    /// <summary>Forgets all rows; keeps the arrays.</summary>
    public void Clear()
    {
        RowCount = 0;
        EndedInsideQuotes = false;
        _rowFieldStart[0] = 0;
    }

    /// <summary>Returns the arrays to the pool.</summary>
    public void Dispose()
    {
        ReturnAll();
        _rowStart = [];
        _rowFieldStart = [0];
        _fieldEnd = [];
        RowCount = 0;
    }

    /// <summary>Sets the row count once the scanner has filled the arrays (they must already hold the values).</summary>
    internal void SetRowCount(int rowCount)
    {
        Debug.Assert(rowCount >= 0 && rowCount < _rowFieldStart.Length && rowCount <= _rowStart.Length);
        RowCount = rowCount;
    }

    /// <summary>
    /// Makes room for <paramref name="rows"/> rows and <paramref name="fields"/> fields, keeping the contents.
    /// Growth at least doubles, so a chunk of n fields costs O(log n) copies at most.
    /// </summary>
    internal void EnsureCapacity(int rows, int fields)
    {
        if (rows > _rowStart.Length || rows + 1 > _rowFieldStart.Length)
            GrowRows(rows);
        if (fields > _fieldEnd.Length)
            _fieldEnd = Grow(_fieldEnd, fields);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowRows(int rows)
    {
        _rowStart = Grow(_rowStart, rows);
        _rowFieldStart = Grow(_rowFieldStart, rows + 1);
    }

    private static int[] Grow(int[] array, int needed)
    {
        var size = Math.Max(needed, (int)Math.Min(Array.MaxLength, 2L * Math.Max(array.Length, MinimumPooledLength)));
        var grown = ArrayPool<int>.Shared.Rent(size);
        array.AsSpan().CopyTo(grown);
        Return(array);
        return grown;
    }

    private void ReturnAll()
    {
        Return(_rowStart);
        Return(_rowFieldStart);
        Return(_fieldEnd);
    }

    // The tiny placeholders left by Dispose are not the pool's; everything rented is at least this long.
    private static void Return(int[] array)
    {
        if (array.Length >= MinimumPooledLength)
            ArrayPool<int>.Shared.Return(array);
    }

    private int FieldIndex(int row, int fieldInRow)
    {
        CheckRow(row);
        var field = _rowFieldStart[row] + fieldInRow;
        if ((uint)fieldInRow >= (uint)(_rowFieldStart[row + 1] - _rowFieldStart[row]))
            ThrowFieldOutOfRange(fieldInRow);
        return field;
    }

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)RowCount)
            ThrowRowOutOfRange(row);
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowRowOutOfRange(int row) =>
        throw new ArgumentOutOfRangeException(nameof(row), row, "No such row in the scanned chunk.");

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowFieldOutOfRange(int fieldInRow) =>
        throw new ArgumentOutOfRangeException(nameof(fieldInRow), fieldInRow, "No such field in the row.");
}
