namespace DatumSync.Data.Tests.Csv;

/// <summary>
/// The scanner's rules written as plainly as possible, for tests to compare every scanner path against. Slow on
/// purpose: one byte at a time, lists of (start, end) pairs, no shared code with the scanner.
/// </summary>
internal static class ReferenceCsvStateMachine
{
    internal sealed record Result(List<List<(int Start, int End)>> Rows, int Consumed, bool EndedInsideQuotes);

    public static Result Scan(byte[] data, bool isFinal, byte delimiter, byte quote, int maxRows)
    {
        var rows = new List<List<(int Start, int End)>>();
        var fields = new List<(int Start, int End)>();
        var fieldStart = 0;
        var consumed = 0;
        var insideQuotes = false;
        var undecidedCr = false;

        var i = 0;
        while (i < data.Length && rows.Count < maxRows)
        {
            var c = data[i];
            if (quote != 0 && c == quote)
            {
                insideQuotes = !insideQuotes;
                i++;
            }
            else if (insideQuotes)
            {
                i++;
            }
            else if (c == delimiter)
            {
                fields.Add((fieldStart, i));
                i++;
                fieldStart = i;
            }
            else if (c == '\n' || c == '\r')
            {
                int terminatorLength;
                if (c == '\r' && i + 1 < data.Length && data[i + 1] == '\n')
                {
                    terminatorLength = 2;
                }
                else if (c == '\r' && i + 1 == data.Length && !isFinal)
                {
                    // More input could turn this CR into a CRLF: the row is not known to be complete.
                    undecidedCr = true;
                    break;
                }
                else
                {
                    terminatorLength = 1;
                }
                fields.Add((fieldStart, i));
                rows.Add(fields);
                fields = [];
                i += terminatorLength;
                fieldStart = i;
                consumed = i;
            }
            else
            {
                i++;
            }
        }

        var endedInsideQuotes = false;
        var reachedEnd = i >= data.Length && !undecidedCr;
        if (isFinal && reachedEnd && rows.Count < maxRows && consumed < data.Length)
        {
            fields.Add((fieldStart, data.Length));
            rows.Add(fields);
            consumed = data.Length;
            endedInsideQuotes = insideQuotes;
        }
        return new Result(rows, consumed, endedInsideQuotes);
    }
}
