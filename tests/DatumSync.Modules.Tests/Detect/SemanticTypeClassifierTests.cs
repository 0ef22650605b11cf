using DatumSync.Data;
using DatumSync.Modules.Detect;

namespace DatumSync.Modules.Tests.Detect;

public class SemanticTypeClassifierTests
{
    private static SemanticTypeResult Classify(string name, params string[] values) =>
        SemanticTypeClassifier.Classify(new ColumnSample(name, DataType.String, values.Length, 0, null, values));

    private static string[] Repeat(int times, params string[] values) => [.. Enumerable.Range(0, times).SelectMany(_ => values)];

    [Fact]
    public void Numeric_dates_with_no_part_above_twelve_are_flagged_as_ambiguous()
    {
        var result = Classify("c1", Repeat(10, "01/02/2024", "03/04/2024", "05/06/2024", "11/12/2023"));

        result.Type.Should().Be("date");
        result.Evidence.Should().Contain(e => e.Contains("ambiguous", StringComparison.Ordinal));
    }

    [Fact]
    public void A_day_above_twelve_settles_the_order_as_day_first()
    {
        var result = Classify("c1", Repeat(10, "01/02/2024", "25/04/2024", "05/06/2024", "31/12/2023"));

        result.Type.Should().Be("date");
        result.Evidence.Should().Contain(e => e.Contains("dd/MM/yyyy", StringComparison.Ordinal)).And.Contain(e => e.StartsWith("day first", StringComparison.Ordinal));
    }

    [Fact]
    public void A_matching_header_raises_confidence_and_is_listed_in_the_evidence()
    {
        string[] values = [.. Repeat(9, "a.b@example.com", "c.d@example.org"), "not an email", "nope"];
        var neutral = Classify("c1", values);
        var hinted = Classify("email", values);

        hinted.Type.Should().Be("email");
        neutral.Type.Should().Be("email");
        hinted.Confidence.Should().BeGreaterThan(neutral.Confidence);
        hinted.Evidence.Should().Contain(e => e.Contains("header 'email'", StringComparison.Ordinal));
        hinted.NonConforming.Should().BeEquivalentTo("not an email", "nope");
    }

    [Fact]
    public void A_header_naming_another_type_lowers_confidence()
    {
        string[] values = [.. Repeat(10, "a.b@example.com", "c.d@example.org")];
        var neutral = Classify("c1", values);
        var contradicting = Classify("phone", values);

        contradicting.Type.Should().Be("email");
        contradicting.Confidence.Should().BeLessThan(neutral.Confidence);
    }

    [Fact]
    public void Zero_one_is_boolean_only_with_a_boolean_header()
    {
        string[] values = [.. Repeat(20, "0", "1", "1")];

        Classify("is_active", values).Type.Should().Be("boolean");
        Classify("c1", values).Type.Should().NotBe("boolean");
    }

    [Fact]
    public void Leading_zeros_are_reported_for_identifiers()
    {
        var values = Enumerable.Range(1, 50).Select(i => i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var result = Classify("account_no", values);

        result.Type.Should().Be("identifier");
        result.Evidence.Should().Contain(e => e.Contains("leading zeros", StringComparison.Ordinal));
    }

    [Fact]
    public void Birth_date_headers_make_a_date_column_personal_data()
    {
        Classify("date_of_birth", Repeat(10, "1980-01-02", "1975-12-31")).IsPii.Should().BeTrue();
        Classify("order_date", Repeat(10, "1980-01-02", "1975-12-31")).IsPii.Should().BeFalse();
    }

    [Fact]
    public void A_column_of_nulls_is_unknown()
    {
        var result = SemanticTypeClassifier.Classify(new ColumnSample("x", DataType.String, 10, 10, 0, []));

        result.Type.Should().Be("unknown");
        result.Confidence.Should().Be(0);
    }

    [Fact]
    public void Low_cardinality_text_is_categorical_with_its_most_frequent_values()
    {
        var result = Classify("c1", Repeat(30, "red", "green", "blue", "red"));

        result.Type.Should().Be("categorical");
        result.Evidence.Should().Contain(e => e.StartsWith("most frequent: red", StringComparison.Ordinal));
    }
}
