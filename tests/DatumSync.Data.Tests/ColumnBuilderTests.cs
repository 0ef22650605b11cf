using DatumSync.Data;

namespace DatumSync.Data.Tests;

public class ColumnBuilderTests
{
    [Fact]
    public void Nulls_after_values_keep_earlier_values_valid()
    {
        var b = new Int64ColumnBuilder(4);
        for (var i = 0; i < 100; i++)
        {
            if (i % 7 == 3)
                b.AppendNull();
            else
                b.Append(i);
        }
        using var c = (Int64Column)b.Build();
        c.Length.Should().Be(100);
        c.NullCount.Should().Be(Enumerable.Range(0, 100).Count(i => i % 7 == 3));
        for (var i = 0; i < 100; i++)
        {
            c.IsNull(i).Should().Be(i % 7 == 3, $"row {i}");
            if (i % 7 != 3)
                c[i].Should().Be(i);
        }
    }

    [Fact]
    public void String_builder_keeps_offsets_and_bytes()
    {
        var b = new StringColumnBuilder(2);
        b.Append("héllo");
        b.AppendNull();
        b.Append(""u8);
        b.Append(new string('x', 5000));
        using var c = (StringColumn)b.Build();
        c.GetString(0).Should().Be("héllo");
        c.GetString(1).Should().BeNull();
        c.GetString(2).Should().Be("");
        c.GetString(3).Should().HaveLength(5000);
        c.Offsets[4].Should().Be(c.Data.Length);
    }

    [Fact]
    public void Boolean_builder_packs_bits()
    {
        var b = new BooleanColumnBuilder(1);
        var values = Enumerable.Range(0, 1000).Select(i => i % 3 == 0).ToArray();
        foreach (var v in values)
            b.Append(v);
        using var c = (BooleanColumn)b.Build();
        for (var i = 0; i < values.Length; i++)
            c[i].Should().Be(values[i]);
        c.Bits.Length.Should().Be(125);
    }

    [Fact]
    public void A_built_builder_starts_empty()
    {
        var b = new DoubleColumnBuilder();
        b.Append(1.5);
        b.AppendNull();
        using var first = b.Build();
        b.Append(2.5);
        using var second = (DoubleColumn)b.Build();
        second.Length.Should().Be(1);
        second.NullCount.Should().Be(0);
        second[0].Should().Be(2.5);
    }

    [Theory]
    [InlineData("12345", 2, "123.45")]
    [InlineData("-5", 3, "-0.005")]
    [InlineData("0", 2, "0.00")]
    [InlineData("7", 0, "7")]
    public void Decimal_text_keeps_every_scale_digit(string unscaled, int scale, string expected)
    {
        new DecimalValue(Int128.Parse(unscaled), scale).ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData(0L, false, "1970-01-01T00:00:00")]
    [InlineData(1_500_000L, true, "1970-01-01T00:00:01.5Z")]
    [InlineData(-1L, false, "1969-12-31T23:59:59.999999")]
    public void Timestamp_text_is_iso_8601(long micros, bool utc, string expected)
    {
        Span<byte> buffer = stackalloc byte[64];
        ValueFormatter.TryFormatTimestamp(micros, utc, buffer, out var n).Should().BeTrue();
        System.Text.Encoding.UTF8.GetString(buffer[..n]).Should().Be(expected);
    }

    [Theory]
    [InlineData("decimal(10,2)", "decimal(10,2)")]
    [InlineData("INTEGER", "int64")]
    [InlineData("timestamp with time zone", "timestamptz")]
    [InlineData("numeric(5)", "decimal(5,0)")]
    public void Type_names_parse_with_aliases(string text, string canonical)
    {
        DataType.TryParse(text, out var t).Should().BeTrue();
        t!.ToString().Should().Be(canonical);
    }

    [Fact]
    public void Unknown_type_names_do_not_parse()
    {
        DataType.TryParse("decimal(40,2)", out _).Should().BeFalse();
        DataType.TryParse("blob", out _).Should().BeFalse();
    }
}
