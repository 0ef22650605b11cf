namespace DatumSync.Data.Formats.Csv;

internal sealed partial class CsvScanner
{
    /// <summary>
    /// The byte-at-a-time state machine: the baseline on CPUs without vectors and the yardstick the block paths are
    /// tested against.
    /// </summary>
    private int ScanScalar(ReadOnlySpan<byte> buffer, bool isFinal, CsvFieldIndex output, int maxRows)
    {
        var delimiter = _delimiter;
        var quote = _quote;
        var quoting = quote != 0;
        var length = buffer.Length;
        var rowCount = 0;
        var fieldCount = 0;
        var rowStart = 0;
        var inside = false;

        for (var i = 0; i < length; i++)
        {
            var b = buffer[i];
            if (quoting && b == quote)
            {
                inside = !inside;
                continue;
            }
            if (inside)
                continue;
            if (b == delimiter)
            {
                AppendField(output, ref fieldCount, i);
            }
            else if (b is (byte)'\n' or (byte)'\r')
            {
                var next = i + 1;
                if (b == '\r')
                {
                    // A CR that is the last byte may be the first half of a CRLF split across buffers.
                    if (next == length)
                    {
                        if (!isFinal)
                            break;
                    }
                    else if (buffer[next] == '\n')
                    {
                        next++;
                    }
                }
                AppendField(output, ref fieldCount, i);
                CloseRow(output, ref rowCount, fieldCount, rowStart);
                rowStart = next;
                i = next - 1;
                if (rowCount == maxRows)
                    break;
            }
        }

        if (isFinal && rowStart < length && rowCount < maxRows)
        {
            AppendField(output, ref fieldCount, length);
            CloseRow(output, ref rowCount, fieldCount, rowStart);
            rowStart = length;
            output.EndedInsideQuotes = inside;
        }
        output.SetRowCount(rowCount);
        return rowStart;
    }

    private static void AppendField(CsvFieldIndex output, ref int fieldCount, int end)
    {
        output.EnsureCapacity(0, fieldCount + 1);
        output.FieldEnd[fieldCount++] = end;
    }

    private static void CloseRow(CsvFieldIndex output, ref int rowCount, int fieldCount, int rowStart)
    {
        output.EnsureCapacity(rowCount + 1, 0);
        output.RowStart[rowCount++] = rowStart;
        output.RowFieldStart[rowCount] = fieldCount;
    }
}
