using System.Text;
using DatumSync.Data.Formats.Csv;

namespace DatumSync.Data.Tests.Csv;

/// <summary>The scanner's rules, one case each, on every path.</summary>
public class CsvScannerTests
{
    public static TheoryData<CsvScannerPath> Paths => new() { CsvScannerPath.Scalar, CsvScannerPath.Vector128, CsvScannerPath.Vector256 };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Fields_split_at_delimiters_and_rows_at_line_feeds(CsvScannerPath path)
    {
        var result = Scan(path, "id,name\n1,ann\n2,bob\n");
        result.Rows.Should().BeEquivalentTo(new[] { new[] { "id", "name" }, ["1", "ann"], ["2", "bob"] }, o => o.WithStrictOrdering());
        result.Consumed.Should().Be(20);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Crlf_is_one_terminator(CsvScannerPath path)
    {
        var result = Scan(path, "a,b\r\nc,d\r\n");
        result.Rows.Should().BeEquivalentTo(new[] { new[] { "a", "b" }, ["c", "d"] }, o => o.WithStrictOrdering());
        result.Consumed.Should().Be(10);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Lone_cr_ends_a_row_on_its_own(CsvScannerPath path)
    {
        var result = Scan(path, "a,b\rc\rd");
        result.Rows.Should().BeEquivalentTo(new[] { new[] { "a", "b" }, ["c"], ["d"] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Cr_at_the_end_of_a_non_final_buffer_waits_for_the_next_byte(CsvScannerPath path)
    {
        Scan(path, "a,b\r", isFinal: false).Should().BeEquivalentTo(new Scanned([], 0, false));

        var result = Scan(path, "x\na,b\r", isFinal: false);
        result.Rows.Should().BeEquivalentTo(new[] { new[] { "x" } });
        result.Consumed.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Cr_at_the_end_of_a_final_buffer_ends_the_last_row(CsvScannerPath path)
    {
        var result = Scan(path, "a,b\r");
        result.Rows.Should().BeEquivalentTo(new[] { new[] { "a", "b" } });
        result.Consumed.Should().Be(4);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Crlf_split_across_chunks_is_still_one_terminator(CsvScannerPath path)
    {
        var scanner = new CsvScanner((byte)',', (byte)'"', path);
        using var index = new CsvFieldIndex();
        var data = "a\r\nb"u8.ToArray();

        scanner.Scan(data.AsSpan(0, 2), isFinal: false, index, int.MaxValue).Should().Be(0);
        var consumed = scanner.Scan(data, isFinal: true, index, int.MaxValue);

        Texts(index, data).Should().BeEquivalentTo(new[] { new[] { "a" }, ["b"] }, o => o.WithStrictOrdering());
        consumed.Should().Be(4);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Quoted_delimiter_stays_in_the_field(CsvScannerPath path)
    {
        Scan(path, "\"a,b\",c\n").Rows.Should().BeEquivalentTo(new[] { new[] { "\"a,b\"", "c" } });
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Quoted_newline_inside_field_stays_in_one_row(CsvScannerPath path)
    {
        Scan(path, "\"a\nb\",c\nd\n").Rows.Should().BeEquivalentTo(new[] { new[] { "\"a\nb\"", "c" }, ["d"] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Quoted_crlf_and_lone_cr_stay_in_one_row(CsvScannerPath path)
    {
        Scan(path, "\"a\r\nb\rc\",d\r\ne\r\n").Rows
            .Should().BeEquivalentTo(new[] { new[] { "\"a\r\nb\rc\"", "d" }, ["e"] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Doubled_quotes_keep_the_field_quoted(CsvScannerPath path)
    {
        Scan(path, "\"a\"\"b,c\"\"\",d\n\"\"\"\",\"\"\n").Rows
            .Should().BeEquivalentTo(new[] { new[] { "\"a\"\"b,c\"\"\"", "d" }, ["\"\"\"\"", "\"\""] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Empty_fields_are_reported(CsvScannerPath path)
    {
        Scan(path, ",,\na,,b\n,").Rows
            .Should().BeEquivalentTo(new[] { new[] { "", "", "" }, ["a", "", "b"], ["", ""] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Blank_lines_are_rows_with_one_empty_field(CsvScannerPath path)
    {
        Scan(path, "a\n\n\r\n\rb\n").Rows
            .Should().BeEquivalentTo(new[] { new[] { "a" }, [""], [""], [""], ["b"] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Trailing_bytes_without_a_newline_are_a_row_only_in_the_final_buffer(CsvScannerPath path)
    {
        var final = Scan(path, "a,b\nc,d");
        final.Rows.Should().BeEquivalentTo(new[] { new[] { "a", "b" }, ["c", "d"] }, o => o.WithStrictOrdering());
        final.Consumed.Should().Be(7);

        var partial = Scan(path, "a,b\nc,d", isFinal: false);
        partial.Rows.Should().BeEquivalentTo(new[] { new[] { "a", "b" } });
        partial.Consumed.Should().Be(4);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_trailing_newline_adds_no_empty_row(CsvScannerPath path)
    {
        Scan(path, "a\n").Rows.Should().HaveCount(1);
        Scan(path, "a\r\n").Rows.Should().HaveCount(1);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Unterminated_quote_at_the_end_still_yields_the_last_row(CsvScannerPath path)
    {
        var final = Scan(path, "a,b\nc,\"d\ne,f");
        final.Rows.Should().BeEquivalentTo(new[] { new[] { "a", "b" }, ["c", "\"d\ne,f"] }, o => o.WithStrictOrdering());
        final.EndedInsideQuotes.Should().BeTrue();
        final.Consumed.Should().Be(12);

        var partial = Scan(path, "a,b\nc,\"d\ne,f", isFinal: false);
        partial.Rows.Should().HaveCount(1);
        partial.EndedInsideQuotes.Should().BeFalse("the quote may still close in a later chunk");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Closed_quotes_do_not_set_ended_inside_quotes(CsvScannerPath path)
    {
        Scan(path, "\"a\",b").EndedInsideQuotes.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Max_rows_stops_early_and_returns_where_to_resume(CsvScannerPath path)
    {
        var result = Scan(path, "a\r\nb\nc\n", maxRows: 2);
        result.Rows.Should().BeEquivalentTo(new[] { new[] { "a" }, ["b"] }, o => o.WithStrictOrdering());
        result.Consumed.Should().Be(5);

        var last = Scan(path, "a\nb", maxRows: 1);
        last.Rows.Should().HaveCount(1);
        last.Consumed.Should().Be(2);

        Scan(path, "a\nb\n", maxRows: 0).Should().BeEquivalentTo(new Scanned([], 0, false));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Without_quoting_quotes_are_ordinary_bytes(CsvScannerPath path)
    {
        Scan(path, "\"a,b\"\n\"c\nd\0,e", quote: '\0').Rows
            .Should().BeEquivalentTo(new[] { new[] { "\"a", "b\"" }, ["\"c"], ["d\0", "e"] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Single_quote_can_be_the_quote(CsvScannerPath path)
    {
        Scan(path, "'a,\"b',c\n", quote: '\'').Rows.Should().BeEquivalentTo(new[] { new[] { "'a,\"b'", "c" } });
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Each_common_delimiter_splits_fields_and_is_data_when_quoted(char delimiter)
    {
        var csv = $"x{delimiter}y{delimiter}\"p{delimiter}q\"\r\n1{delimiter}{delimiter}3\n";
        foreach (var path in new[] { CsvScannerPath.Scalar, CsvScannerPath.Vector128, CsvScannerPath.Vector256 })
        {
            Scan(path, csv, delimiter: delimiter).Rows.Should().BeEquivalentTo(
                new[] { new[] { "x", "y", $"\"p{delimiter}q\"" }, ["1", "", "3"] }, o => o.WithStrictOrdering(), path.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Multibyte_text_is_kept_whole(CsvScannerPath path)
    {
        Scan(path, "é,€\n😀,\"ü,ß\"").Rows
            .Should().BeEquivalentTo(new[] { new[] { "é", "€" }, ["😀", "\"ü,ß\""] }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Empty_buffer_has_no_rows(CsvScannerPath path)
    {
        Scan(path, "").Should().BeEquivalentTo(new Scanned([], 0, false));
        Scan(path, "", isFinal: false).Should().BeEquivalentTo(new Scanned([], 0, false));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Large_input_grows_the_index_and_keeps_every_row(CsvScannerPath path)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
            sb.Append(i).Append(",\"q,").Append(i % 7).Append("\",x\r\n");
        var data = Encoding.UTF8.GetBytes(sb.ToString());
        using var index = new CsvFieldIndex();

        var consumed = new CsvScanner((byte)',', (byte)'"', path).Scan(data, isFinal: false, index, int.MaxValue);

        consumed.Should().Be(data.Length);
        index.RowCount.Should().Be(50_000);
        index.FieldCount.Should().Be(150_000);
        var (start, length) = index.GetField(49_999, 1);
        Encoding.UTF8.GetString(data, start, length).Should().Be("\"q,5\"");
        index.GetFieldStart(49_999, 0).Should().Be(index.RowStart[49_999]);
    }

    [Fact]
    public void Index_is_cleared_by_each_scan()
    {
        var scanner = new CsvScanner((byte)',', (byte)'"', CsvScannerPath.Vector256);
        using var index = new CsvFieldIndex();
        scanner.Scan("\"a"u8, isFinal: true, index, int.MaxValue);
        index.EndedInsideQuotes.Should().BeTrue();

        scanner.Scan("b,c\n"u8, isFinal: true, index, int.MaxValue);

        index.RowCount.Should().Be(1);
        index.FieldCount.Should().Be(2);
        index.EndedInsideQuotes.Should().BeFalse();
    }

    [Fact]
    public void Field_lookups_outside_the_scanned_rows_throw()
    {
        using var index = new CsvFieldIndex();
        new CsvScanner((byte)',', (byte)'"', CsvScannerPath.Scalar).Scan("a,b\n"u8, isFinal: true, index, int.MaxValue);

        index.Invoking(i => i.GetField(1, 0)).Should().Throw<ArgumentOutOfRangeException>();
        index.Invoking(i => i.GetField(0, 2)).Should().Throw<ArgumentOutOfRangeException>();
        index.Invoking(i => i.GetFieldStart(0, -1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Line_breaks_and_a_delimiter_equal_to_the_quote_are_rejected()
    {
        var newlineDelimiter = () => new CsvScanner((byte)'\n', (byte)'"');
        var crQuote = () => new CsvScanner((byte)',', (byte)'\r');
        var same = () => new CsvScanner((byte)'"', (byte)'"');
        var negative = () => new CsvScanner((byte)',', (byte)'"').Scan("a"u8, true, new CsvFieldIndex(), -1);

        newlineDelimiter.Should().Throw<ArgumentException>();
        crQuote.Should().Throw<ArgumentException>();
        same.Should().Throw<ArgumentException>();
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void An_explicit_path_wins_over_the_environment_which_wins_over_the_hardware()
    {
        CsvScanner.Resolve(CsvScannerPath.Scalar, CsvScannerPath.Vector256).Should().Be(CsvScannerPath.Scalar);
        CsvScanner.Resolve(CsvScannerPath.Auto, CsvScannerPath.Vector128).Should().Be(CsvScannerPath.Vector128);
        CsvScanner.Resolve(CsvScannerPath.Auto, CsvScannerPath.Auto).Should().Be(CsvScanner.HardwarePath);
        new CsvScanner((byte)',', (byte)'"', CsvScannerPath.Vector128).ActivePath.Should().Be(CsvScannerPath.Vector128);
        new CsvScanner((byte)',', (byte)'"').ActivePath.Should().NotBe(CsvScannerPath.Auto);
    }

    [Theory]
    [InlineData("scalar", CsvScannerPath.Scalar)]
    [InlineData("Vector128", CsvScannerPath.Vector128)]
    [InlineData(" VECTOR256 ", CsvScannerPath.Vector256)]
    [InlineData("auto", CsvScannerPath.Auto)]
    [InlineData(null, CsvScannerPath.Auto)]
    [InlineData("", CsvScannerPath.Auto)]
    public void Path_names_parse_case_insensitively(string? name, CsvScannerPath expected)
    {
        CsvScanner.TryParsePath(name, out var path).Should().BeTrue();
        path.Should().Be(expected);
    }

    [Fact]
    public void Unknown_path_names_do_not_parse()
    {
        CsvScanner.TryParsePath("avx512", out _).Should().BeFalse();
    }

    private sealed record Scanned(string[][] Rows, int Consumed, bool EndedInsideQuotes);

    private static Scanned Scan(CsvScannerPath path, string csv, bool isFinal = true, char delimiter = ',', char quote = '"', int maxRows = int.MaxValue)
    {
        var data = Encoding.UTF8.GetBytes(csv);
        var scanner = new CsvScanner((byte)delimiter, (byte)quote, path);
        scanner.ActivePath.Should().Be(path);
        using var index = new CsvFieldIndex();
        var consumed = scanner.Scan(data, isFinal, index, maxRows);
        return new Scanned(Texts(index, data), consumed, index.EndedInsideQuotes);
    }

    private static string[][] Texts(CsvFieldIndex index, byte[] data)
    {
        var rows = new string[index.RowCount][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new string[index.GetFieldCount(r)];
            for (var f = 0; f < rows[r].Length; f++)
            {
                var (start, length) = index.GetField(r, f);
                rows[r][f] = Encoding.UTF8.GetString(data, start, length);
            }
        }
        return rows;
    }
}
