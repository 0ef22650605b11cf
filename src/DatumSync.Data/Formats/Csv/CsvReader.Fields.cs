using System.Runtime.CompilerServices;

namespace DatumSync.Data.Formats.Csv;

public sealed partial class CsvReader
{
    /// <summary>
    /// The text of a field: quotes removed and escapes resolved. Returns the field itself when there is nothing to
    /// undo (the common case, no copy); otherwise writes into <paramref name="scratch"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field, byte quote, byte escape, bool quotesAnywhere, ref byte[] scratch, out bool quoted)
    {
        quoted = quote != 0 && field.Length > 0 && field[0] == quote;
        if (!quoted)
            return field;
        // Fast path: "text" with no quote or escape inside.
        if (field.Length >= 2 && field[^1] == quote)
        {
            var inner = field[1..^1];
            if (escape == quote ? inner.IndexOf(quote) < 0 : inner.IndexOfAny(quote, escape) < 0)
                return inner;
        }
        return UnquoteSlow(field, quote, escape, quotesAnywhere, ref scratch);
    }

    private static ReadOnlySpan<byte> UnquoteSlow(ReadOnlySpan<byte> field, byte quote, byte escape, bool quotesAnywhere, ref byte[] scratch)
    {
        if (scratch.Length < field.Length)
            scratch = new byte[Math.Max(field.Length, scratch.Length * 2)];
        var n = 0;
        if (quotesAnywhere)
        {
            // RFC 4180 as the scanner saw it: every quote toggles; a doubled quote inside quotes is one quote.
            var inside = false;
            for (var i = 0; i < field.Length; i++)
            {
                var c = field[i];
                if (c == quote)
                {
                    if (inside && i + 1 < field.Length && field[i + 1] == quote)
                    {
                        scratch[n++] = quote;
                        i++;
                        continue;
                    }
                    inside = !inside;
                    continue;
                }
                scratch[n++] = c;
            }
            return scratch.AsSpan(0, n);
        }
        var j = 1;
        while (j < field.Length)
        {
            var c = field[j];
            if (c == escape && escape != quote && j + 1 < field.Length)
            {
                scratch[n++] = field[j + 1];
                j += 2;
                continue;
            }
            if (c == quote)
            {
                if (escape == quote && j + 1 < field.Length && field[j + 1] == quote)
                {
                    scratch[n++] = quote;
                    j += 2;
                    continue;
                }
                j++;
                break;
            }
            scratch[n++] = c;
            j++;
        }
        // Text after the closing quote is kept as it stands ("abc"def → abcdef).
        for (; j < field.Length; j++)
            scratch[n++] = field[j];
        return scratch.AsSpan(0, n);
    }

    /// <summary>Field access over the scanned inference sample.</summary>
    private readonly ref struct SampleLayout(ReadOnlySpan<byte> sample, CsvFieldIndex index, byte quote, byte escape, bool quotesAnywhere)
    {
        private readonly ReadOnlySpan<byte> _sample = sample;

        public int RowCount => index.RowCount;

        public int FieldCount(int row) => index.GetFieldCount(row);

        public bool IsBlank(int row) => index.GetFieldCount(row) == 1 && index.GetField(row, 0).Length == 0;

        public int ModeFieldCount()
        {
            var counts = new Dictionary<int, int>();
            for (var r = 0; r < index.RowCount; r++)
            {
                if (!IsBlank(r))
                    counts[FieldCount(r)] = counts.GetValueOrDefault(FieldCount(r)) + 1;
            }
            return counts.Count == 0 ? 1 : counts.MaxBy(kv => kv.Value).Key;
        }

        public ReadOnlySpan<byte> Value(int row, int column, ref byte[] scratch, out bool quoted)
        {
            var (start, length) = index.GetField(row, column);
            return Unquote(_sample.Slice(start, length), quote, escape, quotesAnywhere, ref scratch, out quoted);
        }
    }
}
