using System.Text;
using DatumSync.Data.Formats.Csv;

namespace DatumSync.Data.Tests.Csv;

/// <summary>
/// Random CSV from fixed seeds, scanned by every path and compared with <see cref="ReferenceCsvStateMachine"/>.
/// The alphabet leans on the bytes that matter (quotes, delimiters, CR, LF) and the lengths run past many 64-byte
/// blocks, so quote and CR carries cross block boundaries at every position.
/// </summary>
public class CsvScannerPropertyTests
{
    private const int CasesPerSeed = 1500;

    private static readonly CsvScannerPath[] Paths = [CsvScannerPath.Scalar, CsvScannerPath.Vector128, CsvScannerPath.Vector256];

    private static readonly (byte Delimiter, byte Quote)[] Dialects =
    [
        ((byte)',', (byte)'"'),
        ((byte)';', (byte)'"'),
        ((byte)'\t', (byte)'"'),
        ((byte)'|', (byte)'\''),
        ((byte)',', 0),
        ((byte)';', 0),
    ];

    private static readonly byte[][] Pieces =
    [
        "a"u8.ToArray(), "b"u8.ToArray(), ","u8.ToArray(), ";"u8.ToArray(), "\""u8.ToArray(), "\n"u8.ToArray(),
        "\r"u8.ToArray(), "\r\n"u8.ToArray(), "é"u8.ToArray(), "€"u8.ToArray(), "😀"u8.ToArray(), "\t"u8.ToArray(),
        "|"u8.ToArray(), "'"u8.ToArray(), [0],
    ];

    // Weights per piece above, one row per profile: uniform, long text fields (blocks with nothing structural),
    // quote-heavy, line-break-heavy.
    private static readonly int[][] Profiles =
    [
        [4, 2, 3, 2, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1],
        [60, 20, 2, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 0],
        [4, 1, 3, 2, 12, 2, 2, 2, 1, 1, 1, 1, 1, 3, 0],
        [3, 1, 2, 1, 2, 8, 8, 8, 1, 0, 0, 0, 0, 0, 0],
    ];

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 42, 2024, 65_537 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_path_matches_the_reference_on_whole_buffers(int seed)
    {
        var random = new Random(seed);
        using var index = new CsvFieldIndex();
        for (var n = 0; n < CasesPerSeed; n++)
        {
            var data = Generate(random);
            var (delimiter, quote) = Dialects[random.Next(Dialects.Length)];
            int[] maxRowsChoices = [int.MaxValue, 1 + random.Next(6)];
            foreach (var isFinal in new[] { true, false })
            {
                foreach (var maxRows in maxRowsChoices)
                {
                    var expected = ScanSnapshot.Of(ReferenceCsvStateMachine.Scan(data, isFinal, delimiter, quote, maxRows));
                    foreach (var path in Paths)
                    {
                        var scanner = new CsvScanner(delimiter, quote, path);
                        var consumed = scanner.Scan(data, isFinal, index, maxRows);
                        var actual = ScanSnapshot.Of(index, consumed);
                        if (actual != expected)
                        {
                            actual.Should().Be(expected,
                                $"seed {seed} case {n}: {path}, isFinal={isFinal}, maxRows={maxRows}, delimiter={(char)delimiter}, quote={quote}, input \"{ScanSnapshot.Show(data)}\"");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Streaming_in_chunks_gives_the_rows_of_one_final_scan(int seed)
    {
        var random = new Random(seed * 7919);
        using var index = new CsvFieldIndex();
        for (var n = 0; n < CasesPerSeed; n++)
        {
            var data = Generate(random);
            var (delimiter, quote) = Dialects[random.Next(Dialects.Length)];
            var expected = ScanSnapshot.Of(ReferenceCsvStateMachine.Scan(data, isFinal: true, delimiter, quote, int.MaxValue));
            var maxRowsPerCall = random.Next(3) == 0 ? 1 + random.Next(4) : int.MaxValue;
            var step = random.Next(2) == 0 ? 1 + random.Next(12) : 1 + random.Next(200);
            foreach (var path in Paths)
            {
                var actual = Stream(new CsvScanner(delimiter, quote, path), data, index, maxRowsPerCall, step, new Random(seed + n));
                if (actual != expected)
                {
                    actual.Should().Be(expected,
                        $"seed {seed} case {n}: {path}, step={step}, maxRowsPerCall={maxRowsPerCall}, delimiter={(char)delimiter}, quote={quote}, input \"{ScanSnapshot.Show(data)}\"");
                }
            }
        }
    }

    [Theory]
    [InlineData("\"x,\r\ny\"\"z\",w\r\nv")]
    [InlineData("a,b\rc\r\n\r\n,\n")]
    [InlineData("'q\"\r'|\"\r\n")]
    public void Every_structure_is_found_at_every_offset_of_a_block(string snippet)
    {
        // Slide the snippet across two block boundaries so each byte of it lands on every bit position, including
        // the CR/LF pair and the quotes straddling the 63/64 edge.
        using var index = new CsvFieldIndex();
        foreach (var (delimiter, quote) in Dialects)
        {
            for (var padding = 0; padding <= 130; padding++)
            {
                var data = Encoding.UTF8.GetBytes(new string('a', padding) + snippet + snippet);
                foreach (var isFinal in new[] { true, false })
                {
                    var expected = ScanSnapshot.Of(ReferenceCsvStateMachine.Scan(data, isFinal, delimiter, quote, int.MaxValue));
                    foreach (var path in Paths)
                    {
                        var consumed = new CsvScanner(delimiter, quote, path).Scan(data, isFinal, index, int.MaxValue);
                        ScanSnapshot.Of(index, consumed).Should().Be(expected, $"{path}, padding {padding}, isFinal={isFinal}, delimiter={(char)delimiter}, quote={quote}");
                    }
                }
            }
        }
    }

    /// <summary>
    /// Scans as a streaming reader does: a window that grows by <paramref name="step"/> bytes, resuming at the
    /// returned offset, growing when no complete row fits, and a final call once the window reaches the end.
    /// </summary>
    private static string Stream(CsvScanner scanner, byte[] data, CsvFieldIndex index, int maxRowsPerCall, int step, Random random)
    {
        var rows = new List<List<(int Start, int End)>>();
        var position = 0;
        var end = Math.Min(data.Length, random.Next(step + 1));
        var endedInsideQuotes = false;
        for (var calls = 0; ; calls++)
        {
            if (calls > 4 * data.Length + 16)
                throw new InvalidOperationException("The scanner stopped making progress.");
            var isFinal = end == data.Length;
            var consumed = scanner.Scan(data.AsSpan(position, end - position), isFinal, index, maxRowsPerCall);
            rows.AddRange(ScanSnapshot.Rows(index, position));
            endedInsideQuotes |= index.EndedInsideQuotes;
            position += consumed;
            if (isFinal && position == data.Length)
                break;
            if (isFinal && consumed == 0)
                throw new InvalidOperationException("A final scan with bytes left recorded no row.");
            if (consumed == 0 || random.Next(2) == 0)
                end = Math.Min(data.Length, end + 1 + random.Next(step));
        }
        var sb = new StringBuilder();
        sb.Append("consumed=").Append(position).Append(" quoted=").Append(endedInsideQuotes);
        ScanSnapshot.AppendRows(sb, rows);
        return sb.ToString();
    }

    private static byte[] Generate(Random random)
    {
        var length = random.Next(12) == 0 ? random.Next(1000, 5000) : random.Next(0, 300);
        var weights = Profiles[random.Next(Profiles.Length)];
        var total = weights.Sum();
        var bytes = new List<byte>(length + 4);
        while (bytes.Count < length)
        {
            var pick = random.Next(total);
            var piece = 0;
            while (pick >= weights[piece])
                pick -= weights[piece++];
            bytes.AddRange(Pieces[piece]);
        }
        return [.. bytes];
    }
}
