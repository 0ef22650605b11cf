using DatumSync.Modules.Profile.Sketches;

namespace DatumSync.Modules.Tests.Profile;

/// <summary>The sketches against exact answers, over the shapes and sizes the issue names.</summary>
public class SketchAccuracyTests
{
    private static readonly double[] Qs = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Distributions.Names)
        {
            foreach (var n in new[] { 1_000, 10_000, 100_000, 1_000_000 })
                data.Add(name, n);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kll_quantiles_stay_within_one_percent_rank_error(string distribution, int n)
    {
        var values = Distributions.Generate(distribution, n, seed: 11);
        var sketch = new KllSketch();
        sketch.Add(values);
        var sorted = values.Order().ToArray();

        sketch.Count.Should().Be(n);
        sketch.Min.Should().Be(sorted[0]);
        sketch.Max.Should().Be(sorted[^1]);
        foreach (var q in Qs)
            Distributions.RankError(sorted, q, sketch.Quantile(q)).Should().BeLessThanOrEqualTo(0.01, "q={0} on {1} values of {2}", q, n, distribution);
        sketch.RetainedItems.Should().BeLessThan(3 * KllSketch.DefaultK + 200, "memory is bounded whatever n is");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Distinct_count_stays_within_two_percent(string distribution, int n)
    {
        var values = Distributions.Generate(distribution, n, seed: 5);
        var counter = new DistinctCounter();
        foreach (var v in values)
            counter.Add(ProfileHash.OfDouble(v));
        var exact = values.Distinct().Count();

        var error = Math.Abs(counter.Count - exact) / (double)exact;
        error.Should().BeLessThanOrEqualTo(0.02, "{0} distinct of {1} {2} values, estimated {3}", exact, n, distribution, counter.Count);
        if (exact <= DistinctCounter.ExactLimit)
        {
            counter.IsExact.Should().BeTrue();
            counter.Count.Should().Be(exact);
        }
    }

    [Theory]
    [InlineData(3_000)]
    [InlineData(50_000)]
    [InlineData(2_000_000)]
    public void Distinct_count_of_text_values_stays_within_two_percent(int n)
    {
        var counter = new DistinctCounter();
        for (var i = 0; i < n; i++)
            counter.Add(ProfileHash.OfBytes(System.Text.Encoding.UTF8.GetBytes($"customer-{i}@example.com")));

        Math.Abs(counter.Count - n).Should().BeLessThanOrEqualTo((long)(0.02 * n));
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(300_000)]
    public void Kll_fed_in_mixed_batches_with_negatives_zeros_and_nans_keeps_its_bound(int n)
    {
        // Batches of varying length exercise both the value-by-value path and the radix-sorted bulk path; signed
        // zeros, negatives, infinities and NaNs check the order of the sort keys.
        var random = new Random(5);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (i % 97) switch
            {
                0 => 0.0,
                1 => -0.0,
                2 => double.NaN,
                _ => (random.NextDouble() - 0.6) * Math.Pow(10, random.Next(-3, 6)),
            };
        }
        values[n / 3] = double.NegativeInfinity;
        values[n / 2] = double.PositiveInfinity;
        var sketch = new KllSketch();
        for (var start = 0; start < n;)
        {
            var length = Math.Min(n - start, random.Next(1, 3_000));
            sketch.Add(values.AsSpan(start, length));
            start += length;
        }
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();

        sketch.Count.Should().Be(sorted.Length);
        sketch.Min.Should().Be(double.NegativeInfinity);
        sketch.Max.Should().Be(double.PositiveInfinity);
        foreach (var q in Qs)
            Distributions.RankError(sorted, q, sketch.Quantile(q)).Should().BeLessThanOrEqualTo(0.01, "q={0}", q);
        sketch.RetainedItems.Should().BeLessThan(3 * KllSketch.DefaultK + 200);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void Merged_partial_sketches_answer_like_one_pass(int parts)
    {
        var values = Distributions.Generate("lognormal", 300_000, seed: 3);
        var whole = new KllSketch();
        whole.Add(values);
        var wholeDistinct = new DistinctCounter();
        var partial = Enumerable.Range(0, parts).Select(_ => (Kll: new KllSketch(), Distinct: new DistinctCounter(), Moments: new Moments())).ToArray();
        var wholeMoments = new Moments();
        wholeMoments.Add(values);
        for (var i = 0; i < values.Length; i++)
        {
            wholeDistinct.Add(ProfileHash.OfDouble(values[i]));
            var p = partial[i * parts / values.Length];
            p.Kll.Add(values[i]);
            p.Distinct.Add(ProfileHash.OfDouble(values[i]));
            p.Moments.Add(values[i]);
        }
        for (var i = 1; i < parts; i++)
        {
            partial[0].Kll.Merge(partial[i].Kll);
            partial[0].Distinct.Merge(partial[i].Distinct);
            partial[0].Moments.Merge(partial[i].Moments);
        }
        var sorted = values.Order().ToArray();
        var merged = partial[0];

        merged.Kll.Count.Should().Be(values.Length);
        merged.Kll.Min.Should().Be(whole.Min);
        merged.Kll.Max.Should().Be(whole.Max);
        foreach (var q in Qs)
            Distributions.RankError(sorted, q, merged.Kll.Quantile(q)).Should().BeLessThanOrEqualTo(0.01);
        merged.Distinct.Count.Should().Be(wholeDistinct.Count, "HyperLogLog registers merge to exactly the one-pass registers");
        merged.Moments.Count.Should().Be(wholeMoments.Count);
        merged.Moments.Mean.Should().BeApproximately(wholeMoments.Mean, Math.Abs(wholeMoments.Mean) * 1e-9);
        merged.Moments.StandardDeviation.Should().BeApproximately(wholeMoments.StandardDeviation, wholeMoments.StandardDeviation * 1e-9);
        merged.Moments.Skewness.Should().BeApproximately(wholeMoments.Skewness, Math.Abs(wholeMoments.Skewness) * 1e-9);
        merged.Moments.Kurtosis.Should().BeApproximately(wholeMoments.Kurtosis, wholeMoments.Kurtosis * 1e-9);
        merged.Moments.Sum.Should().BeApproximately(values.Sum(), Math.Abs(values.Sum()) * 1e-12);
    }

    [Fact]
    public void Moments_match_the_textbook_formulas_and_survive_a_large_offset()
    {
        var random = new Random(9);
        var values = Enumerable.Range(0, 10_000).Select(_ => 1e9 + random.NextDouble()).ToArray();
        var m = new Moments();
        foreach (var chunk in values.Chunk(777))
            m.Add(chunk);
        // The reference works on v − 1e9 (exact for these values), so it loses no digits to the offset.
        var offsetMean = values.Select(v => v - 1e9).Average();
        var mean = 1e9 + offsetMean;
        var d = values.Select(v => v - 1e9 - offsetMean).ToArray();
        var m2 = d.Sum(x => x * x);
        var m3 = d.Sum(x => x * x * x);
        var m4 = d.Sum(x => x * x * x * x);

        m.Mean.Should().BeApproximately(mean, 1e-6);
        m.StandardDeviation.Should().BeApproximately(Math.Sqrt(m2 / (values.Length - 1)), 1e-6);
        m.Skewness.Should().BeApproximately(Math.Sqrt(values.Length) * m3 / Math.Pow(m2, 1.5), 1e-3);
        m.Kurtosis.Should().BeApproximately(values.Length * m4 / (m2 * m2), 1e-3);
        m.Kurtosis.Should().BeApproximately(1.8, 0.05, "a uniform distribution has kurtosis 9/5");
        // Compensated: within two units in the last place of 1e13 (an uncompensated running sum drifts further).
        m.Sum.Should().BeApproximately(1e13 + values.Sum(v => v - 1e9), 0.004);
    }

    [Fact]
    public void Frequent_items_find_the_true_heavy_hitters_of_a_zipf_stream()
    {
        var random = new Random(1);
        var zipf = Distributions.Zipf(100_000, 1.2, random);
        var exact = new Dictionary<int, long>();
        var parts = new[] { new FrequentItems(256), new FrequentItems(256), new FrequentItems(256) };
        for (var i = 0; i < 1_000_000; i++)
        {
            var v = zipf();
            exact[v] = exact.GetValueOrDefault(v) + 1;
            var text = System.Text.Encoding.UTF8.GetBytes(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
            parts[i % 3].Add(ProfileHash.OfBytes(text), text);
        }
        parts[0].Merge(parts[1]);
        parts[0].Merge(parts[2]);
        var top = parts[0].Top(10);
        var trueTop = exact.OrderByDescending(kv => kv.Value).Take(10).ToList();

        top.Select(t => t.Text).Should().Equal(trueTop.Select(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var (text, count) in top)
        {
            var truth = exact[int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)];
            count.Should().BeLessThanOrEqualTo(truth, "counts are lower bounds");
            (count + parts[0].MaxError).Should().BeGreaterThanOrEqualTo(truth, "the error bound holds");
        }
        parts[0].MaxError.Should().BeLessThanOrEqualTo(2 * 1_000_000 / 256 * 3);
        parts[0].Total.Should().Be(1_000_000);
    }

    [Fact]
    public void Frequent_items_are_exact_while_they_fit()
    {
        var items = new FrequentItems(16);
        for (var i = 0; i < 100; i++)
            items.Add((ulong)(i % 5 + 1), "abcde"u8.Slice(i % 5, 1));

        items.MaxError.Should().Be(0);
        items.Top(2).Should().Equal(("a", 20L), ("b", 20L));
    }

    [Fact]
    public void Frequent_items_stored_by_hash_alone_give_back_their_values_through_purges_and_merges()
    {
        // Numbers and temporal values are kept as their hash (a bijection of the value), not as bytes.
        var values = new[] { 0.0, -1.5, 3.25, 1e300, -7e-12, 123456789.0 };
        var parts = new[] { new FrequentItems(64), new FrequentItems(64) };
        for (var i = 0; i < 20_000; i++)
        {
            // Values 0..5 repeat often; the rest are unique noise that forces purges.
            var v = i % 4 == 0 ? values[i / 4 % values.Length] : i + 0.5;
            var h = ProfileHash.OfDouble(v);
            var part = parts[i % 2];
            if (!part.TryIncrement(h))
                part.InsertKey(h, 0xFF);
        }
        parts[1].Add(ProfileHash.OfBytes("text"u8), "text"u8, 500);
        parts[0].Merge(parts[1]);

        var top = parts[0].Top(7, item => item[0] == 0xFF
            ? ProfileHash.DoubleOf(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(item.AsSpan(1))).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : "text:" + System.Text.Encoding.UTF8.GetString(item));
        top.Take(6).Select(t => t.Text).Should().BeEquivalentTo(values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        top.Select(t => t.Text).Should().Contain("text:text", "text items and hash-only items live side by side");
        parts[0].Total.Should().Be(20_500);
        ProfileHash.DoubleOf(ProfileHash.OfDouble(-0.0)).Should().Be(0.0);
        ProfileHash.MicrosOf(ProfileHash.OfMicros(-86_400_000_000L * 3)).Should().Be(-86_400_000_000L * 3);
    }

    [Fact]
    public void Text_hashes_depend_on_every_byte_of_the_value_and_on_nothing_around_it()
    {
        // The tail of a value is read with overlapping loads: a byte outside the span must not count, every byte
        // inside must.
        var random = new Random(9);
        for (var length = 0; length <= 40; length++)
        {
            var value = new byte[length];
            random.NextBytes(value);
            var a = new byte[length + 16];
            var b = new byte[length + 16];
            random.NextBytes(a);
            random.NextBytes(b);
            value.CopyTo(a, 3);
            value.CopyTo(b, 11);
            var hash = ProfileHash.OfBytes(value);
            ProfileHash.OfBytes(a.AsSpan(3, length)).Should().Be(hash, "length {0}", length);
            ProfileHash.OfBytes(b.AsSpan(11, length)).Should().Be(hash, "length {0}", length);
            for (var i = 0; i < length; i++)
            {
                var changed = (byte[])value.Clone();
                changed[i] ^= 0x20;
                ProfileHash.OfBytes(changed).Should().NotBe(hash, "byte {0} of {1}", i, length);
            }
        }
    }

    [Fact]
    public void Frequent_items_keep_apart_hashes_that_share_a_slot_and_a_fingerprint()
    {
        // Same home slot (top bits) and same low 16 bits: only the full hash tells these items apart.
        var items = new FrequentItems(64);
        for (var round = 0; round < 3; round++)
        {
            for (ulong k = 1; k <= 40; k++)
            {
                var hash = (0xABCDUL << 48) | (k << 16) | 0x1234;
                for (ulong c = 0; c < k; c++)
                {
                    if (!items.TryIncrement(hash))
                        items.Insert(hash, System.Text.Encoding.UTF8.GetBytes($"v{k}"));
                }
            }
        }

        items.MaxError.Should().Be(0);
        items.Tracked.Should().Be(40);
        items.Top(3).Should().Equal(("v40", 120L), ("v39", 117L), ("v38", 114L));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1_001)]
    public void Co_moments_skip_rows_missing_either_value_and_match_the_textbook_pearson(int n)
    {
        var random = new Random(n);
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = i % 7 == 3 ? double.NaN : 1e6 + random.NextDouble();
            y[i] = i % 5 == 1 ? double.NaN : 2 * (x[i] - 1e6) + random.NextDouble();
        }
        x[0] = 1e6 + 0.25;
        y[0] = 0.75;
        var co = new CoMoments();
        co.Add(x.AsSpan(0, n / 2), y.AsSpan(0, n / 2));
        co.Add(x.AsSpan(n / 2), y.AsSpan(n / 2));
        var pairs = x.Zip(y).Where(p => !double.IsNaN(p.First) && !double.IsNaN(p.Second)).Select(p => (X: p.First - 1e6, Y: p.Second)).ToArray();
        double mx = pairs.Average(p => p.X), my = pairs.Average(p => p.Y);
        var sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        var sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        var syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));

        co.Count.Should().Be(pairs.Length);
        co.MeanX.Should().BeApproximately(1e6 + mx, 1e-6);
        co.MeanY.Should().BeApproximately(my, 1e-9);
        if (pairs.Length > 1)
            co.Pearson.Should().BeApproximately(sxy / Math.Sqrt(sxx * syy), 1e-6);
    }

    [Fact]
    public void Bottom_k_sample_is_the_same_however_the_rows_are_split()
    {
        var one = new BottomKSample<long>(100);
        var parts = new[] { new BottomKSample<long>(100), new BottomKSample<long>(100), new BottomKSample<long>(100) };
        for (long row = 0; row < 50_000; row++)
        {
            var p = ProfileHash.OfRow(row, 42);
            one.Add(p, row);
            parts[(int)(row * 7 % 3)].Add(p, row);
        }
        parts[0].Merge(parts[1]);
        parts[0].Merge(parts[2]);

        parts[0].Items().Should().Equal(one.Items());
        one.Items().Average().Should().BeInRange(25_000 - 5_000, 25_000 + 5_000, "the sample is spread over the input");
    }

    [Fact]
    public void Day_set_counts_days_and_finds_the_largest_gap()
    {
        var days = new DaySet();
        var other = new DaySet();
        foreach (var d in new[] { -5, -4, 0, 1, 2, 4100, 4101 })
            days.Add(d);
        other.Add(10_000);
        other.Add(4101);
        days.Merge(other);

        days.Count.Should().Be(8);
        days.LargestGap().Should().Be((4101, 10_000));
    }
}
