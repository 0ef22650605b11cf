namespace DatumSync.Modules.Profile.Sketches;

/// <summary>
/// Pearson correlation of two columns over the rows where both hold a value, exactly mergeable: per batch the means,
/// Σdx², Σdy² and Σdx·dy are computed in two passes and combined with Chan's pairwise update, so large offsets
/// (timestamps, IDs) do not cancel.
/// </summary>
public sealed class CoMoments
{
    /// <summary>Rows where both values are present.</summary>
    public long Count { get; private set; }

    /// <summary>Mean of x.</summary>
    public double MeanX { get; private set; }

    /// <summary>Mean of y.</summary>
    public double MeanY { get; private set; }

    /// <summary>Σ(x − x̄)².</summary>
    public double M2X { get; private set; }

    /// <summary>Σ(y − ȳ)².</summary>
    public double M2Y { get; private set; }

    /// <summary>Σ(x − x̄)(y − ȳ).</summary>
    public double Cxy { get; private set; }

    /// <summary>The correlation coefficient; NaN when either side does not vary or fewer than two rows pair up.</summary>
    public double Pearson => Count > 1 && M2X > 0 && M2Y > 0 ? Math.Clamp(Cxy / Math.Sqrt(M2X * M2Y), -1, 1) : double.NaN;

    /// <summary>Adds a batch: NaN on either side means "missing" and the row is skipped.</summary>
    public void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        long n = 0;
        double sx = 0, sy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (double.IsNaN(a) || double.IsNaN(b))
                continue;
            n++;
            sx += a;
            sy += b;
        }
        if (n == 0)
            return;
        double mx = sx / n, my = sy / n, m2x = 0, m2y = 0, c = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (double.IsNaN(a) || double.IsNaN(b))
                continue;
            var dx = a - mx;
            var dy = b - my;
            m2x += dx * dx;
            m2y += dy * dy;
            c += dx * dy;
        }
        Combine(n, mx, my, m2x, m2y, c);
    }

    /// <summary>Adds what <paramref name="other"/> saw.</summary>
    public void Merge(CoMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count > 0)
            Combine(other.Count, other.MeanX, other.MeanY, other.M2X, other.M2Y, other.Cxy);
    }

    private void Combine(long nb, double mxB, double myB, double m2xB, double m2yB, double cB)
    {
        if (Count == 0)
        {
            (Count, MeanX, MeanY, M2X, M2Y, Cxy) = (nb, mxB, myB, m2xB, m2yB, cB);
            return;
        }
        double na = Count, b = nb, n = na + b;
        var dx = mxB - MeanX;
        var dy = myB - MeanY;
        M2X += m2xB + dx * dx * na * b / n;
        M2Y += m2yB + dy * dy * na * b / n;
        Cxy += cB + dx * dy * na * b / n;
        MeanX += dx * b / n;
        MeanY += dy * b / n;
        Count += nb;
    }
}
