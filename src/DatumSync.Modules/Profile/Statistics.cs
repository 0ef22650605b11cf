namespace DatumSync.Modules.Profile;

/// <summary>The distribution functions the drift tests need.</summary>
public static class Statistics
{
    /// <summary>
    /// P(K &gt; λ) for the Kolmogorov distribution: 2 Σ (−1)^(j−1) e^(−2 j² λ²), the asymptotic p-value of the
    /// two-sample KS statistic with λ = (√n_e + 0.12 + 0.11/√n_e)·D (Stephens' correction), n_e = n·m/(n+m).
    /// </summary>
    public static double KolmogorovPValue(double d, double n, double m)
    {
        if (d <= 0 || n <= 0 || m <= 0)
            return 1;
        var en = Math.Sqrt(n * m / (n + m));
        var lambda = (en + 0.12 + 0.11 / en) * d;
        if (lambda < 0.2)
            return 1;
        double sum = 0, sign = 1;
        for (var j = 1; j <= 100; j++)
        {
            var term = sign * Math.Exp(-2 * j * j * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12 * Math.Abs(sum))
                break;
            sign = -sign;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>P(χ²_df &gt; x): the regularised upper incomplete gamma Q(df/2, x/2).</summary>
    public static double ChiSquarePValue(double x, int df) => df <= 0 ? 1 : x <= 0 ? 1 : UpperRegularizedGamma(df / 2.0, x / 2.0);

    /// <summary>Q(a, x) = Γ(a, x)/Γ(a): by its power series below a + 1, by Lentz's continued fraction above.</summary>
    public static double UpperRegularizedGamma(double a, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        if (x <= 0)
            return 1;
        var logPrefix = a * Math.Log(x) - x - LogGamma(a);
        if (x < a + 1)
        {
            // P(a, x) = e^(−x) x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n))
            double term = 1 / a, sum = term;
            for (var n = 1; n < 1000; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-15)
                    break;
            }
            return Math.Clamp(1 - sum * Math.Exp(logPrefix), 0, 1);
        }
        const double Tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny)
                d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny)
                c = Tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
                break;
        }
        return Math.Clamp(Math.Exp(logPrefix) * h, 0, 1);
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, nine terms; relative error below 1e-13).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        var sum = c[0];
        for (var i = 1; i < c.Length; i++)
            sum += c[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
