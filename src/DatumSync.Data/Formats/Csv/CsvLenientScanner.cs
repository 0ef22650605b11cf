namespace DatumSync.Data.Formats.Csv;

/// <summary>
/// A byte-at-a-time scanner for dialects the vectorised <see cref="CsvScanner"/> does not model: a quote opens only at
/// the start of a field (so <c>12" pizza</c> in an unquoted field is text), and an escape character other than the
/// quote (<c>\"</c>) may appear inside quotes. Produces the same <see cref="CsvFieldIndex"/> layout.
/// </summary>
internal sealed class CsvLenientScanner : ICsvScanner
{
    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly byte _escape;

    /// <summary>Creates the scanner. <paramref name="escape"/> equal to <paramref name="quote"/> means doubled quotes.</summary>
    public CsvLenientScanner(byte delimiter, byte quote, byte escape)
    {
        _delimiter = delimiter;
        _quote = quote;
        _escape = escape;
    }

    public int Scan(ReadOnlySpan<byte> buffer, bool isFinal, CsvFieldIndex output, int maxRows)
    {
        output.Clear();
        var rows = 0;
        var fields = 0;
        var pos = 0;
        var len = buffer.Length;
        while (rows < maxRows && pos < len)
        {
            var p = pos;
            var rowFields = 0;
            var next = -1;
            var insideAtEnd = false;
            while (true)
            {
                output.EnsureCapacity(rows + 1, fields + rowFields + 1);
                if (_quote != 0 && p < len && buffer[p] == _quote)
                {
                    p++;
                    var closed = false;
                    while (p < len)
                    {
                        var c = buffer[p];
                        if (c == _escape && _escape != _quote)
                        {
                            p += 2;
                            continue;
                        }
                        if (c == _quote)
                        {
                            if (p + 1 < len && buffer[p + 1] == _quote && _escape == _quote)
                            {
                                p += 2;
                                continue;
                            }
                            if (p + 1 == len && !isFinal)
                                break; // a doubled quote may straddle the buffer end
                            p++;
                            closed = true;
                            break;
                        }
                        p++;
                    }
                    if (!closed)
                    {
                        if (!isFinal)
                            goto Incomplete;
                        p = len;
                        insideAtEnd = true;
                    }
                }
                while (p < len)
                {
                    var c = buffer[p];
                    if (c == _delimiter || c == '\n' || c == '\r')
                        break;
                    p++;
                }
                if (p >= len)
                {
                    if (!isFinal)
                        goto Incomplete;
                    output.FieldEnd[fields + rowFields++] = len;
                    next = len;
                    output.EndedInsideQuotes = insideAtEnd;
                    break;
                }
                output.FieldEnd[fields + rowFields++] = p;
                if (buffer[p] == _delimiter)
                {
                    p++;
                    continue;
                }
                if (buffer[p] == '\r')
                {
                    if (p + 1 < len)
                        next = buffer[p + 1] == '\n' ? p + 2 : p + 1;
                    else if (isFinal)
                        next = p + 1;
                    else
                        goto Incomplete;
                }
                else
                {
                    next = p + 1;
                }
                break;
            }
            output.RowStart[rows] = pos;
            fields += rowFields;
            output.RowFieldStart[++rows] = fields;
            pos = next;
        }
        output.SetRowCount(rows);
        return pos;

    Incomplete:
        output.SetRowCount(rows);
        return pos;
    }
}
