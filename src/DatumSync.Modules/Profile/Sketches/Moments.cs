namespace DatumSync.Modules.Profile.Sketches;

/// <summary>
/// Count, mean and central moments M2..M4 of a stream of doubles, numerically stable and exactly mergeable:
/// each batch's moments are computed in two passes (mean, then deviations) and combined with Pébay's pairwise
/// formulas ("Formulas for robust, one-pass parallel computation of covariances and arbitrary-order statistical
/// moments", 2008), so no sum of squares of raw values ever cancels. Also keeps a compensated (Neumaier) sum.
/// </summary>
public sealed class Moments
{
    private double _sum;
    private double _compensation;

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }

    /// <summary>Mean.</summary>
    public double Mean { get; private set; }

    /// <summary>Σ(x − mean)².</summary>
    public double M2 { get; private set; }

    /// <summary>Σ(x − mean)³.</summary>
    public double M3 { get; private set; }

    /// <summary>Σ(x − mean)⁴.</summary>
    public double M4 { get; private set; }

    /// <summary>The sum of the values.</summary>
    public double Sum => _sum + _compensation;

    /// <summary>Sample standard deviation (n − 1); NaN below two values.</summary>
    public double StandardDeviation => Count > 1 ? Math.Sqrt(M2 / (Count - 1)) : double.NaN;

    /// <summary>Population skewness g1 = √n·M3 / M2^1.5; NaN when the values do not vary.</summary>
    public double Skewness => Count > 2 && M2 > 0 ? Math.Sqrt(Count) * M3 / Math.Pow(M2, 1.5) : double.NaN;

    /// <summary>Population kurtosis (not excess: a normal distribution gives 3) n·M4 / M2²; NaN when the values do not vary.</summary>
    public double Kurtosis => Count > 3 && M2 > 0 ? Count * M4 / (M2 * M2) : double.NaN;

    /// <summary>Adds a batch of values (no NaN).</summary>
    /// <remarks>
    /// Both passes run over SIMD lanes: each lane keeps its own Neumaier-compensated sum (the lanes' sums and
    /// compensations are then added with compensation) and its own deviation sums, added up at the end.
    /// </remarks>
    public void Add(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
            return;
        var width = System.Numerics.Vector<double>.Count;
        var sum = System.Numerics.Vector<double>.Zero;
        var compensation = System.Numerics.Vector<double>.Zero;
        var i = 0;
        for (; i + width <= values.Length; i += width)
        {
            var v = new System.Numerics.Vector<double>(values[i..]);
            var t = sum + v;
            var larger = System.Numerics.Vector.GreaterThanOrEqual(System.Numerics.Vector.Abs(sum), System.Numerics.Vector.Abs(v));
            compensation += System.Numerics.Vector.ConditionalSelect(larger, (sum - t) + v, (v - t) + sum);
            sum = t;
        }
        double batchSum = 0, batchCompensation = 0;
        for (var lane = 0; lane < width; lane++)
        {
            Neumaier(ref batchSum, ref batchCompensation, sum[lane]);
            Neumaier(ref batchSum, ref batchCompensation, compensation[lane]);
        }
        for (; i < values.Length; i++)
            Neumaier(ref batchSum, ref batchCompensation, values[i]);
        AddToSum(batchSum);
        AddToSum(batchCompensation);
        var mean = (batchSum + batchCompensation) / values.Length;

        var meanVector = new System.Numerics.Vector<double>(mean);
        var m2v = System.Numerics.Vector<double>.Zero;
        var m3v = System.Numerics.Vector<double>.Zero;
        var m4v = System.Numerics.Vector<double>.Zero;
        i = 0;
        for (; i + width <= values.Length; i += width)
        {
            var d = new System.Numerics.Vector<double>(values[i..]) - meanVector;
            var d2 = d * d;
            m2v += d2;
            m3v += d2 * d;
            m4v += d2 * d2;
        }
        double m2 = System.Numerics.Vector.Sum(m2v), m3 = System.Numerics.Vector.Sum(m3v), m4 = System.Numerics.Vector.Sum(m4v);
        for (; i < values.Length; i++)
        {
            var d = values[i] - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        Combine(values.Length, mean, m2, m3, m4);
    }

    private static void Neumaier(ref double sum, ref double compensation, double v)
    {
        var t = sum + v;
        compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        AddToSum(value);
        Combine(1, value, 0, 0, 0);
    }

    /// <summary>Adds everything <paramref name="other"/> saw.</summary>
    public void Merge(Moments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
            return;
        AddToSum(other._sum);
        AddToSum(other._compensation);
        Combine(other.Count, other.Mean, other.M2, other.M3, other.M4);
    }

    private void AddToSum(double v)
    {
        var t = _sum + v;
        _compensation += Math.Abs(_sum) >= Math.Abs(v) ? (_sum - t) + v : (v - t) + _sum;
        _sum = t;
    }

    private void Combine(long nb, double meanB, double m2B, double m3B, double m4B)
    {
        if (Count == 0)
        {
            (Count, Mean, M2, M3, M4) = (nb, meanB, m2B, m3B, m4B);
            return;
        }
        double na = Count, b = nb, n = na + b;
        var delta = meanB - Mean;
        var d2 = delta * delta;
        var m4 = M4 + m4B
            + d2 * d2 * na * b * (na * na - na * b + b * b) / (n * n * n)
            + 6 * d2 * (na * na * m2B + b * b * M2) / (n * n)
            + 4 * delta * (na * m3B - b * M3) / n;
        var m3 = M3 + m3B + d2 * delta * na * b * (na - b) / (n * n) + 3 * delta * (na * m2B - b * M2) / n;
        var m2 = M2 + m2B + d2 * na * b / n;
        Mean += delta * b / n;
        (M2, M3, M4) = (m2, m3, m4);
        Count += nb;
    }
}
