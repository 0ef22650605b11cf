using System.Text;
using DatumSync.Data.Inference;

namespace DatumSync.Data.Tests.Inference;

public class InferenceTests
{
    private static InferredColumn Infer(params string[] values) => InferWith(new InferenceContext(), values);

    private static InferredColumn InferWith(InferenceContext context, params string[] values)
    {
        var e = new ColumnTypeEvidence();
        var row = 1;
        foreach (var v in values)
            e.Observe(Encoding.UTF8.GetBytes(v), false, row++);
        return e.Infer(context);
    }

    [Theory]
    [InlineData("int64", "1", "-2", "30000", "")]
    [InlineData("boolean", "true", "False", "YES", "n")]
    [InlineData("decimal(18,2)", "1.50", "-2.25", "3")]
    [InlineData("double", "1e5", "2.5", "-3E-2", "inf")]
    [InlineData("date", "2024-01-31", "1999-12-01", "NA")]
    [InlineData("timestamp", "2024-01-31T10:00:00", "2024-02-01 11:30", "2024-02-02")]
    [InlineData("timestamptz", "2024-01-31T10:00:00Z", "2024-02-01T11:30:00+02:00")]
    [InlineData("string", "abc", "1", "2")]
    [InlineData("decimal(38,0)", "123456789012345678901234", "1")]
    public void Column_types_are_the_narrowest_that_hold_every_value(string expected, params string[] values)
    {
        Infer(values).Format.Type.ToString().Should().Be(expected);
    }

    [Fact]
    public void Leading_zero_codes_stay_strings_with_a_note()
    {
        var r = Infer("00123", "00456", "1");
        r.Format.Type.Should().Be(DataType.String);
        r.Notes.Should().ContainSingle().Which.Should().Contain("leading zeros");
    }

    [Fact]
    public void Zero_and_zero_point_five_are_numbers_not_codes()
    {
        Infer("0", "0.5", "-0.25").Format.Type.Should().Be(DataType.Decimal(18, 2));
    }

    [Fact]
    public void Thousands_separators_are_detected()
    {
        var r = Infer("1,234,567", "12", "999,999");
        r.Format.Type.Should().Be(DataType.Int64);
        r.Format.Number.GroupSeparator.Should().Be((byte)',');
    }

    [Fact]
    public void Decimal_commas_are_detected_from_unambiguous_values()
    {
        var r = Infer("3,14", "2,5", "10");
        r.Format.Type.Should().Be(DataType.Decimal(18, 2));
        r.Format.Number.DecimalSeparator.Should().Be((byte)',');
    }

    [Fact]
    public void European_grouped_decimals_are_detected()
    {
        var r = Infer("1.234,56", "7,5");
        r.Format.Number.Should().Be(NumberStyle.CommaDecimalDotGroups);
        r.Format.Type.Should().Be(DataType.Decimal(18, 2));
    }

    [Fact]
    public void Ambiguous_thousands_or_decimal_comma_is_reported()
    {
        var r = Infer("1,234", "5,678");
        r.Notes.Should().ContainSingle().Which.Should().Contain("ambiguous numbers");
        r.Confidence.Should().BeLessThan(0.6);
        r.Format.Type.Should().Be(DataType.Int64);
    }

    [Fact]
    public void Semicolon_delimiter_tips_ambiguous_numbers_to_decimal_comma()
    {
        var e = new ColumnTypeEvidence();
        e.Observe("1,234"u8, false, 1);
        var ctx = new InferenceContext().WithFileEvidence([e], (byte)';');
        var r = e.Infer(ctx);
        r.Format.Number.DecimalSeparator.Should().Be((byte)',');
        r.Format.Type.Should().Be(DataType.Decimal(18, 3));
    }

    [Fact]
    public void Day_first_dates_are_detected_from_a_day_over_twelve()
    {
        var r = Infer("03/04/2024", "25/12/2023");
        r.Format.Type.Should().Be(DataType.Date);
        r.Format.Dates.Should().Be(DateLayout.DayMonthYear);
        r.Notes.Should().BeEmpty();
    }

    [Fact]
    public void Month_first_dates_are_detected_from_a_day_over_twelve_in_second_place()
    {
        var r = Infer("03/04/2024", "12/25/2023");
        r.Format.Dates.Should().Be(DateLayout.MonthDayYear);
    }

    [Fact]
    public void Ambiguous_dates_are_reported_and_lower_confidence()
    {
        var r = Infer("03/04/2024", "01/02/2023");
        r.Format.Type.Should().Be(DataType.Date);
        r.Notes.Should().ContainSingle().Which.Should().Contain("ambiguous dates");
        r.Confidence.Should().BeLessThan(0.5);
    }

    [Fact]
    public void Ambiguous_dates_follow_the_order_another_column_proves()
    {
        var a = new ColumnTypeEvidence();
        a.Observe("03/04/2024"u8, false, 1);
        var b = new ColumnTypeEvidence();
        b.Observe("12/31/2024"u8, false, 1);
        var ctx = new InferenceContext().WithFileEvidence([a, b], (byte)',');
        a.Infer(ctx).Format.Dates.Should().Be(DateLayout.MonthDayYear);
    }

    [Fact]
    public void User_date_order_overrides_inference()
    {
        var r = InferWith(new InferenceContext { DateLayout = DateLayout.MonthDayYear }, "03/04/2024");
        r.Format.Dates.Should().Be(DateLayout.MonthDayYear);
        r.Notes.Should().BeEmpty();
    }

    [Fact]
    public void Mixed_offsets_keep_timestamps_as_text()
    {
        var r = Infer("2024-01-01T00:00:00Z", "2024-01-01T00:00:00");
        r.Format.Type.Should().Be(DataType.String);
        r.Notes.Should().ContainSingle().Which.Should().Contain("offset");
    }

    [Fact]
    public void A_mostly_numeric_column_names_its_first_exception()
    {
        var values = Enumerable.Range(1, 99).Select(i => i.ToString()).Append("N.A.").ToArray();
        var r = Infer(values);
        r.Format.Type.Should().Be(DataType.String);
        r.Notes.Should().ContainSingle().Which.Should().Contain("row 100").And.Contain("N.A.");
        r.Confidence.Should().BeLessThan(0.05);
    }

    [Fact]
    public void NaN_is_null_in_numeric_columns_and_text_elsewhere()
    {
        Infer("1.5", "NaN", "2").Format.Type.Should().Be(DataType.Decimal(18, 1));
        Infer("abc", "NaN").Format.Type.Should().Be(DataType.String);
    }

    [Fact]
    public void All_null_column_is_string_with_zero_confidence()
    {
        var r = Infer("", "NA", "null");
        r.Format.Type.Should().Be(DataType.String);
        r.Confidence.Should().Be(0);
        r.NullCount.Should().Be(3);
    }

    [Fact]
    public void Confidence_grows_with_evidence()
    {
        Infer("1").Confidence.Should().BeLessThan(Infer(Enumerable.Range(0, 100).Select(i => i.ToString()).ToArray()).Confidence);
    }
}
