using System.Text;
using DatumSync.Data.Inference;

namespace DatumSync.Data.Tests.Inference;

public class ParserTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("42", 0, 42L)]
    [InlineData(" -42 ", 0, -42L)]
    [InlineData("9223372036854775807", 0, long.MaxValue)]
    [InlineData("-9223372036854775808", 0, long.MinValue)]
    [InlineData("1,234,567", ',', 1234567L)]
    [InlineData("1.234", '.', 1234L)]
    public void Integers_parse(string text, char group, long expected)
    {
        Utf8ValueParser.TryParseInt64(U(text), (byte)group, out var v).Should().BeTrue();
        v.Should().Be(expected);
    }

    [Theory]
    [InlineData("9223372036854775808", 0)]
    [InlineData("1,23,456", ',')]
    [InlineData("1234,567", ',')]
    [InlineData("12a", 0)]
    [InlineData("-", 0)]
    [InlineData("", 0)]
    [InlineData("1,234", 0)]
    public void Bad_integers_do_not_parse(string text, char group)
    {
        Utf8ValueParser.TryParseInt64(U(text), (byte)group, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("123.45", 10, 2, "12345")]
    [InlineData("-0.5", 10, 2, "-50")]
    [InlineData("7", 10, 2, "700")]
    [InlineData("1.50", 10, 1, "15")]
    [InlineData(".25", 5, 2, "25")]
    public void Decimals_parse_exactly(string text, int precision, int scale, string unscaled)
    {
        Utf8ValueParser.TryParseDecimal(U(text), NumberStyle.Invariant, precision, scale, out var v).Should().BeTrue();
        v.Should().Be(Int128.Parse(unscaled));
    }

    [Fact]
    public void Decimals_never_round()
    {
        Utf8ValueParser.TryParseDecimal(U("1.234"), NumberStyle.Invariant, 10, 2, out _).Should().BeFalse();
        Utf8ValueParser.TryParseDecimal(U("123456"), NumberStyle.Invariant, 6, 2, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("1.234,5", 12345)]
    [InlineData("-3,25", -325)]
    public void Comma_decimals_parse(string text, int unscaled)
    {
        Utf8ValueParser.TryParseDecimal(U(text), NumberStyle.CommaDecimalDotGroups, 18, 2 - (text.Length - text.IndexOf(',') - 1 == 1 ? 1 : 0), out var v).Should().BeTrue();
        v.Should().Be(unscaled);
    }

    [Theory]
    [InlineData("1e3", 1000.0)]
    [InlineData("-2.5E-1", -0.25)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    public void Doubles_parse(string text, double expected)
    {
        Utf8ValueParser.TryParseDouble(U(text), NumberStyle.Invariant, out var v).Should().BeTrue();
        v.Should().Be(expected);
    }

    [Fact]
    public void NaN_and_currency_are_not_doubles()
    {
        Utf8ValueParser.TryParseDouble(U("NaN"), NumberStyle.Invariant, out _).Should().BeFalse();
        Utf8ValueParser.TryParseDouble(U("$5"), NumberStyle.Invariant, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("2024-02-29", DateLayout.YearMonthDay, "2024-02-29")]
    [InlineData("2024/2/9", DateLayout.YearMonthDay, "2024-02-09")]
    [InlineData("29.02.2024", DateLayout.DayMonthYear, "2024-02-29")]
    [InlineData("2/29/2024", DateLayout.MonthDayYear, "2024-02-29")]
    [InlineData("1969-07-20", DateLayout.YearMonthDay, "1969-07-20")]
    public void Dates_parse(string text, DateLayout layout, string iso)
    {
        Utf8ValueParser.TryParseDate(U(text), layout, out var days).Should().BeTrue();
        ValueFormatter.ToDateOnly(days).ToString("yyyy-MM-dd").Should().Be(iso);
    }

    [Theory]
    [InlineData("2023-02-29", DateLayout.YearMonthDay)]
    [InlineData("13/13/2024", DateLayout.DayMonthYear)]
    [InlineData("2024-01-01x", DateLayout.YearMonthDay)]
    [InlineData("24-01-01", DateLayout.YearMonthDay)]
    public void Impossible_dates_do_not_parse(string text, DateLayout layout)
    {
        Utf8ValueParser.TryParseDate(U(text), layout, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05", false, "2024-01-02T03:04:05")]
    [InlineData("2024-01-02 03:04", false, "2024-01-02T03:04:00")]
    [InlineData("2024-01-02T03:04:05.123456", false, "2024-01-02T03:04:05.123456")]
    [InlineData("2024-01-02T03:04:05.1234560", false, "2024-01-02T03:04:05.123456")]
    [InlineData("2024-01-02T03:04:05Z", true, "2024-01-02T03:04:05Z")]
    [InlineData("2024-01-02T03:04:05+02:00", true, "2024-01-02T01:04:05Z")]
    [InlineData("2024-01-02T03:04:05-0530", true, "2024-01-02T08:34:05Z")]
    [InlineData("2024-01-02 01:04:05 PM", false, "2024-01-02T13:04:05")]
    [InlineData("2024-01-02 12:00:00 AM", false, "2024-01-02T00:00:00")]
    public void Timestamps_parse_and_normalise_offsets(string text, bool offset, string expected)
    {
        Utf8ValueParser.TryParseTimestamp(U(text), DateLayout.YearMonthDay, out var micros, out var hasOffset).Should().BeTrue();
        hasOffset.Should().Be(offset);
        Span<byte> buf = stackalloc byte[64];
        ValueFormatter.TryFormatTimestamp(micros, hasOffset, buf, out var n);
        Encoding.UTF8.GetString(buf[..n]).Should().Be(expected);
    }

    [Fact]
    public void Nanoseconds_that_would_be_lost_do_not_parse()
    {
        Utf8ValueParser.TryParseTimestamp(U("2024-01-02T03:04:05.1234567"), DateLayout.YearMonthDay, out _, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("int64", "1.5", "decimal(20,1)")]
    [InlineData("decimal(18,2)", "1.234", "decimal(19,3)")]
    [InlineData("int64", "1e10", "double")]
    [InlineData("int64", "abc", "string")]
    [InlineData("int64", "007", "string")]
    [InlineData("date", "2024-01-01 10:00", "timestamp")]
    [InlineData("date", "2024-01-01T10:00Z", "string")]
    [InlineData("boolean", "maybe", "string")]
    public void Widening_finds_the_narrowest_type_holding_both(string from, string value, string expected)
    {
        DataType.TryParse(from, out var type).Should().BeTrue();
        TypeWidening.Widen(ColumnFormat.For(type!), U(value)).Type.ToString().Should().Be(expected);
    }

    [Fact]
    public void Converters_append_values_nulls_and_refuse_misfits()
    {
        var c = ValueConverter.Create(ColumnFormat.For(DataType.Int64));
        var b = c.CreateBuilder(4);
        c.TryAppend(b, U("5"), false).Should().BeTrue();
        c.TryAppend(b, U("NA"), false).Should().BeTrue();
        c.TryAppend(b, U("nan"), false).Should().BeTrue();
        c.TryAppend(b, U(""), true).Should().BeTrue();
        c.TryAppend(b, U("5.5"), false).Should().BeFalse();
        using var col = (Int64Column)b.Build();
        col.Length.Should().Be(4);
        col.NullCount.Should().Be(3);
        col[0].Should().Be(5);
    }

    [Fact]
    public void String_converter_keeps_quoted_empty_as_empty_string()
    {
        var c = ValueConverter.Create(ColumnFormat.String);
        var b = c.CreateBuilder(4);
        c.TryAppend(b, U(""), true);
        c.TryAppend(b, U(""), false);
        c.TryAppend(b, U("NaN"), false);
        using var col = (StringColumn)b.Build();
        col.GetString(0).Should().Be("");
        col.GetString(1).Should().BeNull();
        col.GetString(2).Should().Be("NaN");
    }
}
