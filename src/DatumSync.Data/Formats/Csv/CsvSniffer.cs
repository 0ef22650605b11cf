using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats.Csv;

/// <summary>
/// Works out a CSV dialect from a sample: the delimiter whose field counts are the most consistent (and whose fields
/// look most like typed columns, which tells <c>1,5;2,5</c> apart), the quote character, doubled-quote or backslash
/// escapes, stray quotes, and the line ending. Explicit settings in <see cref="CsvOptions"/> always win.
/// </summary>
internal static class CsvSniffer
{
    private const int SampleRows = 1000;
    private static readonly char[] s_candidates = [',', ';', '\t', '|'];

    /// <summary>The detected dialect; header and encoding are filled in by the reader.</summary>
    public static CsvDialect Sniff(ReadOnlySpan<byte> sample, bool isWholeFile, CsvOptions options)
    {
        var quote = options.Quote ?? '"';
        var delimiter = options.Delimiter ?? BestDelimiter(sample, isWholeFile, (byte)quote);
        if (options.Quote is null && CountQuotedFields(sample, isWholeFile, (byte)delimiter, (byte)'"') == 0
            && CountQuotedFields(sample, isWholeFile, (byte)delimiter, (byte)'\'') > 0)
        {
            quote = '\'';
            if (options.Delimiter is null)
                delimiter = BestDelimiter(sample, isWholeFile, (byte)quote);
        }
        var escape = options.Escape ?? (quote != 0 && UsesBackslashEscapes(sample, (byte)quote) ? '\\' : quote);
        var quotesAnywhere = quote == 0 || (escape == quote && !HasStrayQuotes(sample, isWholeFile, (byte)delimiter, (byte)quote));
        return new CsvDialect(delimiter, quote, escape, HasHeader: true, Encoding: "utf-8", LineEnding(sample, isWholeFile, (byte)delimiter, (byte)quote, (byte)escape), quotesAnywhere);
    }

    private static char BestDelimiter(ReadOnlySpan<byte> sample, bool isWholeFile, byte quote)
    {
        var best = ',';
        var bestScore = double.MinValue;
        using var index = new CsvFieldIndex();
        foreach (var candidate in s_candidates)
        {
            var scanner = new CsvLenientScanner((byte)candidate, quote, quote);
            scanner.Scan(sample, isWholeFile, index, SampleRows);
            var score = Score(sample, index);
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>Consistency of field counts, plus a bonus for columns that look typed, plus a hair for width.</summary>
    private static double Score(ReadOnlySpan<byte> sample, CsvFieldIndex index)
    {
        var histogram = new Dictionary<int, int>();
        var rows = 0;
        for (var r = 0; r < index.RowCount; r++)
        {
            var n = index.GetFieldCount(r);
            if (n == 1 && index.GetField(r, 0).Length == 0)
                continue;
            histogram[n] = histogram.GetValueOrDefault(n) + 1;
            rows++;
        }
        if (rows == 0)
            return 0;
        var (mode, frequency) = histogram.MaxBy(kv => (kv.Value, kv.Key)) is var kv ? (kv.Key, kv.Value) : (0, 0);
        if (mode <= 1)
            return 0;
        var consistency = frequency / (double)rows;
        var evidence = new ColumnTypeEvidence[mode];
        for (var c = 0; c < mode; c++)
            evidence[c] = new ColumnTypeEvidence();
        for (var r = 1; r < index.RowCount; r++)
        {
            if (index.GetFieldCount(r) != mode)
                continue;
            for (var c = 0; c < mode; c++)
            {
                var (start, length) = index.GetField(r, c);
                evidence[c].Observe(sample.Slice(start, length), false, r);
            }
        }
        var typed = evidence.Count(e => e.ValueCount > 0 && e.Infer().Format.Type.Kind != TypeKind.String);
        return consistency + 0.3 * typed / mode + 0.0001 * Math.Min(mode, 100);
    }

    private static int CountQuotedFields(ReadOnlySpan<byte> sample, bool isWholeFile, byte delimiter, byte quote)
    {
        using var index = new CsvFieldIndex();
        new CsvLenientScanner(delimiter, quote, quote).Scan(sample, isWholeFile, index, SampleRows);
        var count = 0;
        for (var r = 0; r < index.RowCount; r++)
        {
            for (var c = 0; c < index.GetFieldCount(r); c++)
            {
                var (start, length) = index.GetField(r, c);
                if (length >= 2 && sample[start] == quote && sample[start + length - 1] == quote)
                    count++;
            }
        }
        return count;
    }

    private static bool UsesBackslashEscapes(ReadOnlySpan<byte> sample, byte quote)
    {
        var backslashed = 0;
        var doubled = 0;
        for (var i = 1; i < sample.Length - 1; i++)
        {
            if (sample[i] != quote)
                continue;
            if (sample[i - 1] == '\\')
                backslashed++;
            else if (sample[i + 1] == quote && sample[i - 1] is not ((byte)',' or (byte)';' or (byte)'\t' or (byte)'|' or (byte)'\n' or (byte)'\r'))
                doubled++;
        }
        return backslashed > 0 && doubled == 0;
    }

    private static bool HasStrayQuotes(ReadOnlySpan<byte> sample, bool isWholeFile, byte delimiter, byte quote)
    {
        using var index = new CsvFieldIndex();
        new CsvLenientScanner(delimiter, quote, quote).Scan(sample, isWholeFile, index, int.MaxValue);
        for (var r = 0; r < index.RowCount; r++)
        {
            for (var c = 0; c < index.GetFieldCount(r); c++)
            {
                var (start, length) = index.GetField(r, c);
                var field = sample.Slice(start, length);
                if (field.IsEmpty)
                    continue;
                if (field[0] != quote)
                {
                    if (field.Contains(quote))
                        return true;
                }
                else
                {
                    // Text after the closing quote ("abc"def) is also something RFC quoting would misread.
                    var inner = field[1..];
                    var close = 0;
                    while (close < inner.Length)
                    {
                        var q = inner[close..].IndexOf(quote);
                        if (q < 0)
                            break;
                        close += q;
                        if (close + 1 < inner.Length && inner[close + 1] == quote)
                        {
                            close += 2;
                            continue;
                        }
                        if (close != inner.Length - 1)
                            return true;
                        break;
                    }
                }
            }
        }
        return false;
    }

    private static string LineEnding(ReadOnlySpan<byte> sample, bool isWholeFile, byte delimiter, byte quote, byte escape)
    {
        using var index = new CsvFieldIndex();
        new CsvLenientScanner(delimiter, quote, escape).Scan(sample, isWholeFile, index, 1);
        if (index.RowCount == 0)
            return "LF";
        var end = index.FieldEnd[index.RowFieldStart[1] - 1];
        if (end >= sample.Length)
            return "none";
        return sample[end] == '\r' ? end + 1 < sample.Length && sample[end + 1] == '\n' ? "CRLF" : "CR" : "LF";
    }
}
