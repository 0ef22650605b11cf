using System.Numerics;

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
    /// <remarks>Both passes run over SIMD lanes, rows with a NaN masked out.</remarks>
    public void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (y.Length < x.Length)
            throw new ArgumentException("The columns differ in length.", nameof(y));
        var width = Vector<double>.Count;
        var length = x.Length - x.Length % width;
        var nv = Vector<double>.Zero;
        var sxv = Vector<double>.Zero;
        var syv = Vector<double>.Zero;
        for (var i = 0; i < length; i += width)
        {
            var a = new Vector<double>(x[i..]);
            var b = new Vector<double>(y[i..]);
            // NaN is the only value unequal to itself.
            var both = Vector.BitwiseAnd(Vector.Equals(a, a), Vector.Equals(b, b));
            nv += Vector.ConditionalSelect(both, Vector<double>.One, Vector<double>.Zero);
            sxv += Vector.ConditionalSelect(both, a, Vector<double>.Zero);
            syv += Vector.ConditionalSelect(both, b, Vector<double>.Zero);
        }
        var n = (long)Vector.Sum(nv);
        double sx = Vector.Sum(sxv), sy = Vector.Sum(syv);
        for (var i = length; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
                continue;
            n++;
            sx += x[i];
            sy += y[i];
        }
        if (n == 0)
            return;
        double mx = sx / n, my = sy / n;
        var mxv = new Vector<double>(mx);
        var myv = new Vector<double>(my);
        var m2xv = Vector<double>.Zero;
        var m2yv = Vector<double>.Zero;
        var cv = Vector<double>.Zero;
        for (var i = 0; i < length; i += width)
        {
            var a = new Vector<double>(x[i..]);
            var b = new Vector<double>(y[i..]);
            var both = Vector.BitwiseAnd(Vector.Equals(a, a), Vector.Equals(b, b));
            var dx = Vector.ConditionalSelect(both, a - mxv, Vector<double>.Zero);
            var dy = Vector.ConditionalSelect(both, b - myv, Vector<double>.Zero);
            m2xv += dx * dx;
            m2yv += dy * dy;
            cv += dx * dy;
        }
        double m2x = Vector.Sum(m2xv), m2y = Vector.Sum(m2yv), c = Vector.Sum(cv);
        for (var i = length; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
                continue;
            var dx = x[i] - mx;
            var dy = y[i] - my;
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
