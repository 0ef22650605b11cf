using System.Text.Json;
using DatumSync.Modules.Profile;

namespace DatumSync.Modules.Tests.Profile;

public class ProfileComparisonTests
{
    private static async Task<ProfileComparisonReport> CompareAsync(string oldCsv, string newCsv)
    {
        var baseline = ProfileJson.Serialize(await ProfileTestData.ProfileAsync(oldCsv));
        var current = await ProfileTestData.ProfileAsync(newCsv);
        return ProfileJson.WithComparison(current, baseline, "old.json").Comparison!;
    }

    [Fact]
    public async Task The_same_distribution_drawn_twice_shows_no_drift()
    {
        var cmp = await CompareAsync(ProfileTestData.Orders(50_000, seed: 1), ProfileTestData.Orders(50_000, seed: 2));

        cmp.SchemaChanges.Should().BeEmpty();
        foreach (var name in new[] { "amount", "qty", "country", "segment", "day" })
        {
            var c = cmp.Columns.Single(c => c.Name == name);
            c.Drift.Should().Be("none", "{0}: PSI {1}, KS p {2}, chi-square p {3}", name, c.Psi, c.KsPValue, c.ChiSquarePValue);
            c.Psi.Should().BeLessThan(0.02);
        }
        cmp.Columns.Single(c => c.Name == "amount").Ks.Should().BeLessThan(0.02);
        cmp.Thresholds.Should().Be(DriftThresholds.Default);
        cmp.BaselineRows.Should().Be(50_000);
    }

    [Fact]
    public async Task A_shifted_mean_is_significant_drift_with_a_tiny_ks_p_value()
    {
        var cmp = await CompareAsync(ProfileTestData.Orders(20_000, seed: 1), ProfileTestData.Orders(20_000, seed: 2, mean: 110));

        var amount = cmp.Columns.Single(c => c.Name == "amount");
        amount.Drift.Should().Be("significant");
        amount.Psi.Should().BeGreaterThan(0.25);
        amount.Ks.Should().BeInRange(0.2, 0.35, "a shift of 2/3 standard deviation moves the CDF by about 0.26");
        amount.KsPValue.Should().BeLessThan(1e-6);
        cmp.Columns.Single(c => c.Name == "country").Drift.Should().Be("none");
        cmp.DriftedColumns.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_new_category_is_drift_found_by_psi_and_chi_square()
    {
        var cmp = await CompareAsync(ProfileTestData.Orders(20_000, seed: 1), ProfileTestData.Orders(20_000, seed: 2, extraCategory: "JP"));

        var country = cmp.Columns.Single(c => c.Name == "country");
        country.Drift.Should().Be("significant");
        country.ChiSquare.Should().BeGreaterThan(1000);
        country.ChiSquarePValue.Should().BeLessThan(1e-6);
        country.Ks.Should().BeNull();
    }

    [Fact]
    public async Task Added_removed_and_retyped_columns_and_null_rates_are_reported()
    {
        var cmp = await CompareAsync("a,b,c\n1,x,1\n2,y,2\n3,z,3\n4,w,4\n", "a,c,d\n1,1.5,p\n,2.5,q\n3,3.5,r\n,4.5,s\n");

        cmp.SchemaChanges.Should().BeEquivalentTo(new[]
        {
            new SchemaChange("d", "added", null, "string"),
            new SchemaChange("b", "removed", "string", null),
            new SchemaChange("c", "type_changed", "int64", "decimal(18,1)"),
        });
        var a = cmp.Columns.Single(c => c.Name == "a");
        (a.NullFractionOld, a.NullFractionNew, a.NullFractionChange).Should().Be((0.0, 0.5, 0.5));
    }

    [Fact]
    public void A_baseline_that_is_not_a_profile_report_is_refused()
    {
        using var doc = JsonDocument.Parse("""{"rows": 3}""");
        using var current = JsonDocument.Parse("""{"rows": 3, "columns": []}""");

        var act = () => ProfileComparison.Compare(doc.RootElement, current.RootElement, "x.json");

        act.Should().Throw<FormatException>().WithMessage("*profile report*");
    }

    [Theory]
    [InlineData(0.0, 1, 1.0)]
    [InlineData(3.841458820694124, 1, 0.05)]
    [InlineData(18.307038053275146, 10, 0.05)]
    [InlineData(6.634896601021214, 1, 0.01)]
    public void Chi_square_p_values_match_the_tables(double x, int df, double p) =>
        Statistics.ChiSquarePValue(x, df).Should().BeApproximately(p, 1e-9);

    [Theory]
    [InlineData(1.358, 0.05)]
    [InlineData(1.628, 0.01)]
    [InlineData(1.224, 0.10)]
    public void Kolmogorov_p_values_match_the_critical_values(double lambda, double p)
    {
        // For large n, λ ≈ √(n/2)·D: pick D so that λ matches (n = m = 10⁸ makes Stephens' terms negligible).
        var n = 1e8;
        var d = lambda / Math.Sqrt(n / 2);
        Statistics.KolmogorovPValue(d, n, n).Should().BeApproximately(p, 0.001);
    }
}
