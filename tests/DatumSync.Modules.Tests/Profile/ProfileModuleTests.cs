using System.Globalization;
using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Modules.Profile;

namespace DatumSync.Modules.Tests.Profile;

public class ProfileModuleTests
{
    private static ColumnProfile Column(ProfileReport r, string name) => r.Columns.Single(c => c.Name == name);

    [Fact]
    public async Task Counts_nulls_distinct_extremes_and_moments_match_the_data()
    {
        var csv = ProfileTestData.Orders(5_000, seed: 1);
        var amounts = csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[1]).ToList();
        var values = amounts.Where(a => a.Length > 0).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).ToArray();

        var report = await ProfileTestData.ProfileAsync(csv);

        report.Rows.Should().Be(5_000);
        report.ColumnCount.Should().Be(7);
        var amount = Column(report, "amount");
        amount.Kind.Should().Be("numeric");
        amount.Count.Should().Be(5_000);
        amount.Nulls.Should().Be(250);
        amount.NullFraction.Should().Be(0.05);
        amount.Distinct.Should().BeCloseTo(values.Distinct().Count(), (uint)(0.02 * values.Distinct().Count()));
        amount.DistinctExact.Should().BeFalse("more than 2,048 distinct values switch to HyperLogLog");
        ((double)amount.Min!).Should().Be(values.Min());
        ((double)amount.Max!).Should().Be(values.Max());
        amount.Mean!.Value.Should().BeApproximately(values.Average(), 1e-9);
        var variance = values.Sum(v => (v - values.Average()) * (v - values.Average())) / (values.Length - 1);
        amount.StdDev!.Value.Should().BeApproximately(Math.Sqrt(variance), 1e-9);
        amount.Sum!.Value.Should().BeApproximately(values.Sum(), 1e-6);
        amount.Quantiles!.Keys.Should().Equal("p1", "p5", "p25", "p50", "p75", "p95", "p99");
        amount.Percentiles.Should().HaveCount(101);
        amount.Histogram!.Bins.Sum(b => b.Count).Should().Be(4_750);
        var id = Column(report, "id");
        id.Unique.Should().BeTrue();
        id.Distinct.Should().BeCloseTo(5_000, 100);
        Column(report, "country").Distinct.Should().Be(3);
        Column(report, "country").DistinctExact.Should().BeTrue();
    }

    [Fact]
    public async Task Top_values_patterns_and_lengths_describe_text_columns()
    {
        var report = await ProfileTestData.ProfileAsync("name,code\nAnna,AB12-345\nBob,XY99-001\nAnna,ab-1\n,Zz00-000\nAnna,\n");

        var name = Column(report, "name");
        name.Kind.Should().Be("string");
        name.TopValues.Should().Equal(new ValueCount("Anna", 3), new ValueCount("Bob", 1));
        name.TopValuesExact.Should().BeTrue();
        name.Length.Should().Be(new LengthStats(3, 4, 3.75));
        var code = Column(report, "code");
        code.Patterns!.Select(p => (p.Pattern, p.Count)).Should().Equal(("AA99-999", 2), ("Aa99-999", 1), ("aa-9", 1));
        CharacterPattern.Of("Müller 7").Should().Be("Aaaaaa 9");
    }

    [Fact]
    public async Task Dates_report_their_range_distinct_days_and_largest_gap()
    {
        var report = await ProfileTestData.ProfileAsync("d\n2024-01-01\n2024-01-02\n2024-01-02\n2024-03-01\n2024-03-04\n");

        var d = Column(report, "d");
        d.Kind.Should().Be("temporal");
        d.Min.Should().Be("2024-01-01");
        d.Max.Should().Be("2024-03-04");
        d.Temporal!.DistinctDays.Should().Be(4);
        d.Temporal.LargestGap.Should().Be(new DayGap("2024-01-02", "2024-03-01", 59));
        d.Quantiles!["p50"].Should().Be("2024-01-02");
        d.Histogram!.Bins.Sum(b => b.Count).Should().Be(5);
        d.Histogram.Bins[0].Lower.Should().Be("2024-01-01");
    }

    [Fact]
    public async Task A_timestamp_in_the_last_microsecond_of_a_day_counts_for_that_day()
    {
        // From about 2110 on, a double quotient of microseconds by a day rounds the last microsecond up to the next day.
        var report = await ProfileTestData.ProfileAsync("t\n2500-01-01T23:59:59.999999\n2500-01-02T00:00:00\n1969-12-31T23:59:59.999999\n");

        var t = Column(report, "t");
        t.Kind.Should().Be("temporal");
        t.Temporal!.DistinctDays.Should().Be(3);
        t.Temporal.LargestGap.Should().Be(new DayGap("1969-12-31", "2500-01-01", 193580));
    }

    [Fact]
    public async Task Booleans_zeros_negatives_empty_strings_and_duplicate_rows_are_counted()
    {
        var report = await ProfileTestData.ProfileAsync("flag,n,s\ntrue,0,a\nfalse,-1,\"\"\ntrue,0,a\ntrue,5,b\n");

        var flag = Column(report, "flag");
        flag.Kind.Should().Be("boolean");
        (flag.TrueCount, flag.FalseCount).Should().Be((3L, 1L));
        var n = Column(report, "n");
        (n.Zeros, n.Negatives).Should().Be((2L, 1L));
        report.DuplicateRows.Should().Be(new DuplicateRowsReport(1, 0.25, true));
    }

    [Fact]
    public async Task Correlations_match_directly_computed_values()
    {
        var csv = ProfileTestData.Orders(20_000, seed: 2);
        var rows = csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Where(f => f[1].Length > 0).ToList();
        var x = rows.Select(f => double.Parse(f[1], CultureInfo.InvariantCulture)).ToArray();
        var y = rows.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture)).ToArray();
        double mx = x.Average(), my = y.Average();
        var r = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));

        var report = await ProfileTestData.ProfileAsync(csv, new ProfileOptions { Read = new ReadOptions { BatchRows = 3_000 } });

        var values = report.Correlations.Values;
        values.Single(v => v.A == "amount" && v.B == "qty" && v.Method == "pearson").Value.Should().BeApproximately(r, 1e-6);
        values.Single(v => v.A == "amount" && v.B == "qty" && v.Method == "spearman").Value.Should().BeApproximately(r, 0.05, "ranks of a near-linear relation correlate about as strongly");
        values.Single(v => v.A == "id" && v.B == "amount" && v.Method == "pearson").Value.Should().BeInRange(-0.05, 0.05);
        values.Single(v => v.A == "country" && v.B == "segment" && v.Method == "cramers_v").Value.Should().BeApproximately(1, 1e-9, "segment is a function of country");
        values.Should().NotContain(v => v.A == "code" || v.B == "code", "a column with thousands of distinct values takes no part in Cramér's V");
        report.Correlations.PairsCapped.Should().BeFalse();
    }

    [Fact]
    public async Task Correlations_are_capped_for_wide_tables()
    {
        var header = string.Join(",", Enumerable.Range(0, 12).Select(i => $"c{i}"));
        var sb = new StringBuilder(header + "\n");
        for (var r = 0; r < 50; r++)
            sb.AppendLine(string.Join(",", Enumerable.Range(0, 12).Select(i => ((r * (i + 1)) % 17).ToString(CultureInfo.InvariantCulture))));

        var report = await ProfileTestData.ProfileAsync(sb.ToString(), new ProfileOptions { MaxNumericCorrelationColumns = 5 });

        report.Correlations.PairsCapped.Should().BeTrue();
        report.Correlations.PairsConsidered.Should().Be(10);
        report.Warnings.Should().Contain(w => w.Contains("correlations cover the first 5 numeric", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_column_widened_mid_stream_is_profiled_with_its_final_type()
    {
        var sb = new StringBuilder("x,y\n");
        for (var i = 0; i < 3_000; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{i},{i % 7}\n");
        sb.Append("2.5,oops\n");

        var report = await ProfileTestData.ProfileAsync(sb.ToString(), new ProfileOptions { Read = new ReadOptions { InferenceRows = 100, BatchRows = 500 } });

        report.Rows.Should().Be(3_001);
        var x = Column(report, "x");
        x.Kind.Should().Be("numeric");
        x.Type.Should().StartWith("decimal(", "2.5 widens the integers to a decimal");
        x.Count.Should().Be(3_001);
        ((double)x.Max!).Should().Be(2_999);
        x.Mean!.Value.Should().BeApproximately((2_999 * 3_000 / 2.0 + 2.5) / 3_001, 1e-9);
        var y = Column(report, "y");
        y.Type.Should().Be("string");
        y.Distinct.Should().Be(8, "the numbers 0..6 and 'oops'");
        y.Warnings.Should().Contain(w => w.Contains("widened to string", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Any_number_of_workers_gives_the_same_exact_statistics()
    {
        var csv = ProfileTestData.Orders(30_000, seed: 4);
        var read = new ReadOptions { BatchRows = 1_000 };

        var one = await ProfileTestData.ProfileAsync(csv, new ProfileOptions { Read = read, Workers = 1 });
        var four = await ProfileTestData.ProfileAsync(csv, new ProfileOptions { Read = read, Workers = 4 });

        one.Rows.Should().Be(four.Rows);
        one.DuplicateRows.Should().Be(four.DuplicateRows);
        for (var c = 0; c < one.Columns.Count; c++)
        {
            var (a, b) = (one.Columns[c], four.Columns[c]);
            (b.Count, b.Nulls, b.Distinct, b.Empty).Should().Be((a.Count, a.Nulls, a.Distinct, a.Empty), a.Name);
            if (a.DistinctExact)
                b.Unique.Should().Be(a.Unique, "uniqueness is exact when the distinct count is");
            b.Min.Should().Be(a.Min);
            b.Max.Should().Be(a.Max);
            if (a.Mean is { } mean)
            {
                b.Mean!.Value.Should().BeApproximately(mean, Math.Abs(mean) * 1e-9);
                b.StdDev!.Value.Should().BeApproximately(a.StdDev!.Value, a.StdDev.Value * 1e-9);
                b.Skewness!.Value.Should().BeApproximately(a.Skewness!.Value, 1e-9);
                b.Kurtosis!.Value.Should().BeApproximately(a.Kurtosis!.Value, 1e-9);
            }
            if (a.TopValuesExact == true)
                b.TopValues.Should().Equal(a.TopValues, a.Name);
            b.Temporal.Should().Be(a.Temporal);
        }
        four.Correlations.Values.Where(v => v.Method != "spearman").Should().BeEquivalentTo(one.Correlations.Values.Where(v => v.Method != "spearman"),
            o => o.Using<double>(x => x.Subject.Should().BeApproximately(x.Expectation, 1e-6)).WhenTypeIs<double>());
        four.Correlations.Values.Where(v => v.Method == "spearman").Should().Equal(one.Correlations.Values.Where(v => v.Method == "spearman"),
            "the row sample is chosen by row number, not by worker");
    }

    [Fact]
    public async Task Partial_states_merged_equal_one_pass_over_the_same_batches()
    {
        var csv = ProfileTestData.Orders(12_000, seed: 6);
        var options = new ProfileOptions { Read = new ReadOptions { BatchRows = 700, WidenInPlace = true } };
        var reader = await TableReader.OpenAsync(ProfileTestData.Csv(csv), options.Read);
        TableProfileState whole;
        TableProfileState[] parts;
        await using (reader)
        {
            whole = new TableProfileState(reader.Schema, options);
            parts = [.. Enumerable.Range(0, 5).Select(_ => new TableProfileState(reader.Schema, options))];
            long row = 0;
            var i = 0;
            while (await reader.ReadNextBatchAsync() is { } batch)
            {
                using (batch)
                {
                    whole.Add(batch, row);
                    parts[i++ * 3 % 5].Add(batch, row);
                    row += batch.RowCount;
                }
            }
        }
        foreach (var p in parts.Skip(1))
            parts[0].Merge(p);
        var merged = parts[0];

        merged.Rows.Should().Be(whole.Rows);
        merged.DistinctRows.Count.Should().Be(whole.DistinctRows.Count);
        for (var c = 0; c < whole.Columns.Count; c++)
        {
            var (a, b) = (whole.Columns[c], merged.Columns[c]);
            (b.Count, b.Nulls, b.Distinct.Count, b.LengthMin, b.LengthMax, b.LengthSum).Should().Be((a.Count, a.Nulls, a.Distinct.Count, a.LengthMin, a.LengthMax, a.LengthSum));
            b.Sample.Items().Should().Equal(a.Sample.Items(), "bottom-k samples merge exactly");
            if (a.Moments is { } m)
            {
                b.Moments!.Mean.Should().BeApproximately(m.Mean, Math.Abs(m.Mean) * 1e-9);
                b.Moments.M2.Should().BeApproximately(m.M2, m.M2 * 1e-9);
                b.Moments.M3.Should().BeApproximately(m.M3, Math.Abs(m.M2) * 1e-6);
                b.Moments.M4.Should().BeApproximately(m.M4, m.M4 * 1e-9);
                (b.Numbers!.Min, b.Numbers.Max, b.Numbers.Count).Should().Be((a.Numbers!.Min, a.Numbers.Max, a.Numbers.Count));
                foreach (var q in new[] { 0.05, 0.5, 0.95 })
                    b.Numbers.Quantile(q).Should().BeInRange(a.Numbers.Quantile(q - 0.02), a.Numbers.Quantile(q + 0.02), "q={0} of {1}", q, a.Name);
            }
            if (a.Days is { } days)
                b.Days!.Days().Should().Equal(days.Days());
        }
        for (var p = 0; p < whole.Pearson.Length; p++)
            merged.Pearson[p].Pearson.Should().BeApproximately(whole.Pearson[p].Pearson, 1e-9);
        merged.RowSample.Items().Should().BeEquivalentTo(whole.RowSample.Items(), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task The_semantic_classifier_sees_every_column_and_its_answer_is_reported()
    {
        var report = await ProfileTestData.ProfileAsync("email\na@example.com\nb@example.org\n");

        var email = Column(report, "email");
        email.SemanticType.Should().NotBeNullOrEmpty();
        email.SemanticConfidence.Should().BeInRange(0, 1);
        email.SemanticEvidence.Should().NotBeNull();
    }

    [Fact]
    public async Task Bad_input_is_a_data_format_error_naming_the_file()
    {
        var act = () => ProfileTestData.ProfileAsync("a,b\n1,2\n1,2,3\n", name: "ragged.csv");

        (await act.Should().ThrowAsync<DatumSync.Data.DataFormatException>()).Which.Message.Should().Contain("ragged.csv");
    }
}
