using DatumSync.Data.Formats.Csv;

namespace DatumSync.Data.Tests.Csv;

public class CsvLineBreakTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 0)]
    [InlineData("\n", 1)]
    [InlineData("\r", 1)]
    [InlineData("\r\n", 1)]
    [InlineData("\n\r", 2)]
    [InlineData("a\r\nb\rc\n\"q\nq\"", 4)]
    public void Line_breaks_count_lf_crlf_and_lone_cr_once_each(string text, long expected)
    {
        CsvScanner.CountLineBreaks(System.Text.Encoding.UTF8.GetBytes(text)).Should().Be(expected);
    }

    [Fact]
    public void Line_break_count_matches_a_naive_count_on_random_input()
    {
        var random = new Random(17);
        byte[] alphabet = [(byte)'a', (byte)'\r', (byte)'\n', (byte)'\r', (byte)',', (byte)'"', 0xC3, 0xA9];
        for (var n = 0; n < 3000; n++)
        {
            var data = new byte[random.Next(n % 10 == 0 ? 3000 : 200)];
            for (var i = 0; i < data.Length; i++)
                data[i] = alphabet[random.Next(alphabet.Length)];
            CsvScanner.CountLineBreaks(data).Should().Be(NaiveCount(data), ScanSnapshot.Show(data));
        }
    }

    [Fact]
    public void A_crlf_straddling_a_vector_boundary_counts_once()
    {
        for (var at = 0; at < 100; at++)
        {
            var data = new byte[101];
            data.AsSpan().Fill((byte)'a');
            data[at] = (byte)'\r';
            data[at + 1] = (byte)'\n';
            CsvScanner.CountLineBreaks(data).Should().Be(1, $"CRLF at {at}");
            CsvScanner.CountLineBreaks(data.AsSpan(0, at + 1)).Should().Be(1, $"CR as the last byte at {at}");
        }
    }

    private static long NaiveCount(byte[] data)
    {
        long count = 0;
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '\n')
                count++;
            else if (data[i] == '\r' && (i + 1 == data.Length || data[i + 1] != '\n'))
                count++;
        }
        return count;
    }
}
