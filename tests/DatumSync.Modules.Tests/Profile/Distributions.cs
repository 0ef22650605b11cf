namespace DatumSync.Modules.Tests.Profile;

/// <summary>Generated test data with fixed seeds: the shapes sketches find hardest.</summary>
internal static class Distributions
{
    public static readonly string[] Names = ["uniform", "normal", "lognormal", "zipf", "sorted", "duplicate-heavy"];

    public static double[] Generate(string name, int n, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var values = new double[n];
        switch (name)
        {
            case "uniform":
                for (var i = 0; i < n; i++)
                    values[i] = random.NextDouble() * 1000;
                break;
            case "normal":
                for (var i = 0; i < n; i++)
                    values[i] = 50 + 10 * Normal();
                break;
            case "lognormal":
                for (var i = 0; i < n; i++)
                    values[i] = Math.Exp(2 * Normal());
                break;
            case "zipf":
                {
                    var zipf = Zipf(Math.Max(10, n / 10), 1.1, random);
                    for (var i = 0; i < n; i++)
                        values[i] = zipf();
                    break;
                }
            case "sorted":
                for (var i = 0; i < n; i++)
                    values[i] = i * 0.5;
                break;
            case "duplicate-heavy":
                for (var i = 0; i < n; i++)
                    values[i] = random.Next(Math.Max(2, n / 100));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
        return values;
    }

    /// <summary>A Zipf(s) sampler over 1..n by inverting the cumulative weights.</summary>
    public static Func<int> Zipf(int n, double s, Random random)
    {
        var cumulative = new double[n];
        double total = 0;
        for (var k = 1; k <= n; k++)
        {
            total += 1 / Math.Pow(k, s);
            cumulative[k - 1] = total;
        }
        return () =>
        {
            var u = random.NextDouble() * total;
            var i = Array.BinarySearch(cumulative, u);
            return (i < 0 ? ~i : i) + 1;
        };
    }

    /// <summary>The exact normalised rank error of <paramref name="estimate"/> as the q-quantile of sorted values:
    /// the distance from q to the nearest rank the estimate occupies (ties give a range).</summary>
    public static double RankError(double[] sorted, double q, double estimate)
    {
        var lower = LowerBound(sorted, estimate) / (double)sorted.Length;
        var upper = UpperBound(sorted, estimate) / (double)sorted.Length;
        return q < lower ? lower - q : q > upper ? q - upper : 0;
    }

    private static int LowerBound(double[] a, double x)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (a[mid] < x)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    private static int UpperBound(double[] a, double x)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (a[mid] <= x)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
