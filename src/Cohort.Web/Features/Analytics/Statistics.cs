namespace Cohort.Web.Features.Analytics;

/// <summary>
/// Before/after comparison of one self-assessed skill over the learners who answered both times.
/// With <see cref="N"/> = 0 every mean and median is <see cref="double.NaN"/> (there is nothing to average); callers
/// suppress such groups anyway (see <see cref="SmallGroups"/>).
/// </summary>
/// <param name="N">Learners with both a pre and a post answer; only they enter any of the figures.</param>
/// <param name="ExcludedMissing">Learners left out because their pre or post answer (or both) is missing.</param>
/// <param name="PreMean">Mean of the pre answers of the <see cref="N"/> paired learners.</param>
/// <param name="PostMean">Mean of the post answers of the <see cref="N"/> paired learners.</param>
/// <param name="PreMedian">Median of the pre answers of the paired learners.</param>
/// <param name="PostMedian">Median of the post answers of the paired learners.</param>
/// <param name="MeanChange">Mean of the individual changes (post − pre); equals PostMean − PreMean.</param>
/// <param name="MedianChange">
/// Median of the individual changes (post − pre) — the typical learner's change, which is in general NOT
/// PostMedian − PreMedian.
/// </param>
/// <param name="EffectSize">
/// Cohen's d_z = mean(change) / sd(change). Null when N &lt; 2 or when all changes are identical (sd = 0): the effect
/// size is then undefined — not infinite — because there is no spread to measure the change against.
/// </param>
/// <param name="EffectSizeLow">Lower end of the 95% interval of d_z (d ± t(0.975, n−1)·√(1/n + d²/(2n))); null like <see cref="EffectSize"/>.</param>
/// <param name="EffectSizeHigh">Upper end of the 95% interval of d_z; null like <see cref="EffectSize"/>.</param>
/// <param name="ChangeLow">Lower end of the 95% t-interval of the mean change; null when N &lt; 2. When all changes are identical it collapses to the change itself.</param>
/// <param name="ChangeHigh">Upper end of the 95% t-interval of the mean change; null when N &lt; 2.</param>
public sealed record PairedChange(
    int N,
    int ExcludedMissing,
    double PreMean,
    double PostMean,
    double PreMedian,
    double PostMedian,
    double MeanChange,
    double MedianChange,
    double? EffectSize,
    double? EffectSizeLow,
    double? EffectSizeHigh,
    double? ChangeLow,
    double? ChangeHigh);

/// <summary>
/// The statistics behind learning analytics: descriptive figures, the paired before/after change with its effect size
/// and 95% confidence intervals, Student's t critical value and Pearson's correlation. Pure functions without I/O.
/// Inputs are expected to be finite numbers; the lists are never modified.
/// </summary>
public static class Statistics
{
    /// <summary>Two values whose spread is below this fraction of their magnitude count as equal (floating-point noise, e.g. 0.3 − 0.1 vs 0.4 − 0.2).</summary>
    private const double RelativeNoise = 1e-12;

    /// <summary>Standard normal 97.5% quantile, the limit of <see cref="StudentTQuantile975"/> for infinite degrees of freedom.</summary>
    private const double Z975 = 1.959963984540054;

    /// <summary>Above this many degrees of freedom the Cornish–Fisher series alone is exact to double precision.</summary>
    private const int SeriesOnlyAbove = 1000;

    /// <summary>Arithmetic mean; <see cref="double.NaN"/> for an empty list.</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / values.Count;
    }

    /// <summary>
    /// Median: the middle value of the sorted list, or the mean of the two middle values for an even count (ties need
    /// no special care). <see cref="double.NaN"/> for an empty list.
    /// </summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>Sample standard deviation with the n − 1 denominator; <see cref="double.NaN"/> for fewer than two values.</summary>
    public static double SampleStandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var mean = Mean(values);
        var squares = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            var deviation = values[i] - mean;
            squares += deviation * deviation;
        }

        return Math.Sqrt(squares / (values.Count - 1));
    }

    /// <summary>
    /// Paired before/after change. Only learners with both answers count; a learner with a missing pre or post answer
    /// is excluded and counted in <see cref="PairedChange.ExcludedMissing"/>. See <see cref="PairedChange"/> for when
    /// the effect size and the intervals are null and for the NaN figures of an empty comparison.
    /// </summary>
    public static PairedChange Paired(IReadOnlyList<(double? Pre, double? Post)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var pre = new List<double>(pairs.Count);
        var post = new List<double>(pairs.Count);
        var changes = new List<double>(pairs.Count);
        var excluded = 0;
        foreach (var (before, after) in pairs)
        {
            if (before is { } b && after is { } a)
            {
                pre.Add(b);
                post.Add(a);
                changes.Add(a - b);
            }
            else
            {
                excluded++;
            }
        }

        var n = changes.Count;
        var meanChange = Mean(changes);
        double? effect = null, effectLow = null, effectHigh = null, changeLow = null, changeHigh = null;
        if (n >= 2)
        {
            var sd = SampleStandardDeviation(changes);
            var t = StudentTQuantile975(n - 1);
            var halfWidth = t * sd / Math.Sqrt(n);
            changeLow = meanChange - halfWidth;
            changeHigh = meanChange + halfWidth;

            if (!AllEqual(changes))
            {
                var d = meanChange / sd;
                var standardError = Math.Sqrt(1.0 / n + d * d / (2.0 * n));
                effect = d;
                effectLow = d - t * standardError;
                effectHigh = d + t * standardError;
            }
            else
            {
                // No spread: the interval of the change collapses to the (common) change itself.
                changeLow = changeHigh = meanChange;
            }
        }

        return new PairedChange(n, excluded, Mean(pre), Mean(post), Median(pre), Median(post), meanChange, Median(changes),
            effect, effectLow, effectHigh, changeLow, changeHigh);
    }

    /// <summary>
    /// Pearson's correlation coefficient r of the pairs (e.g. learning minutes against skill change).
    /// <see cref="double.NaN"/> for fewer than three pairs or when X or Y does not vary.
    /// </summary>
    public static double PearsonCorrelation(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3)
        {
            return double.NaN;
        }

        var xs = points.Select(p => p.X).ToArray();
        var ys = points.Select(p => p.Y).ToArray();
        if (AllEqual(xs) || AllEqual(ys))
        {
            return double.NaN;
        }

        var meanX = Mean(xs);
        var meanY = Mean(ys);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            var dx = xs[i] - meanX;
            var dy = ys[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }

    /// <summary>
    /// Two-sided 95% critical value of Student's t distribution, i.e. the 0.975 quantile t(0.975, df).
    /// Exact closed forms for df = 1 and 2; otherwise the Cornish–Fisher expansion (Abramowitz &amp; Stegun 26.7.5) as
    /// a start, refined by safeguarded Newton steps on the exact upper tail ½·I_{df/(df+t²)}(df/2, ½) (regularized
    /// incomplete beta by continued fraction) to about 1e-12. Above 1000 degrees of freedom the series alone is exact
    /// to double precision. Tends to 1.959964 as df grows.
    /// </summary>
    public static double StudentTQuantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        const double p = 0.975;
        switch (degreesOfFreedom)
        {
            case 1:
                return Math.Tan(Math.PI * (p - 0.5));
            case 2:
                return (2 * p - 1) / Math.Sqrt(2 * p * (1 - p));
        }

        double v = degreesOfFreedom;
        var start = CornishFisher(Z975, v);
        if (degreesOfFreedom > SeriesOnlyAbove)
        {
            return start;
        }

        return RefineTQuantile(1 - p, v, start);
    }

    /// <summary>t quantile for the upper tail probability of <paramref name="z"/>, to order 1/ν⁴ (A&amp;S 26.7.5).</summary>
    private static double CornishFisher(double z, double v)
    {
        var z2 = z * z;
        var z3 = z2 * z;
        var z5 = z3 * z2;
        var z7 = z5 * z2;
        var z9 = z7 * z2;
        var g1 = (z3 + z) / 4;
        var g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
        var g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
        var g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
        return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
    }

    /// <summary>
    /// Solves UpperTail(t) = <paramref name="tail"/> for t &gt; 0 by Newton's method, falling back to bisection whenever
    /// a step would leave the bracket that is known to hold the root.
    /// </summary>
    private static double RefineTQuantile(double tail, double v, double start)
    {
        // The t quantile always lies beyond the normal one; widen the upper end until it brackets the root.
        var low = 0.0;
        var high = Math.Max(start, 1.0) * 2;
        while (UpperTail(high, v) > tail)
        {
            high *= 2;
        }

        var t = start > low && start < high ? start : (low + high) / 2;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var excess = UpperTail(t, v) - tail;
            if (excess > 0)
            {
                low = t;
            }
            else
            {
                high = t;
            }

            // d/dt UpperTail = −density, so the Newton step is excess / density.
            var next = t + excess / Density(t, v);
            if (!(next > low && next < high))
            {
                next = (low + high) / 2;
            }

            if (Math.Abs(next - t) <= 1e-13 * next)
            {
                return next;
            }

            t = next;
        }

        return t;
    }

    /// <summary>P(T &gt; t) for t ≥ 0 under Student's t with <paramref name="v"/> degrees of freedom.</summary>
    private static double UpperTail(double t, double v) => 0.5 * RegularizedIncompleteBeta(v / (v + t * t), v / 2, 0.5);

    private static double Density(double t, double v) =>
        Math.Exp(LogGamma((v + 1) / 2) - LogGamma(v / 2) - 0.5 * Math.Log(v * Math.PI) - (v + 1) / 2 * Math.Log(1 + t * t / v));

    /// <summary>I_x(a, b) by Lentz's continued fraction (Numerical Recipes 6.4), using the symmetry where it converges faster.</summary>
    private static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(x, a, b) / a
            : 1 - front * BetaContinuedFraction(1 - x, b, a) / b;
    }

    private static double BetaContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        const double epsilon = 1e-15;
        var c = 1.0;
        var d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var result = d;
        for (var m = 1; m <= 10_000; m++)
        {
            var m2 = 2 * m;
            var even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + even / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            result *= d * c;

            var odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + odd / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            var step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < epsilon)
            {
                break;
            }
        }

        return result;
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9; relative accuracy about 1e-15).</summary>
    private static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x)·Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>True when the values differ by no more than floating-point noise relative to their size (all-zero included).</summary>
    private static bool AllEqual(IReadOnlyList<double> values)
    {
        var min = values.Min();
        var max = values.Max();
        return max - min <= RelativeNoise * Math.Max(Math.Abs(min), Math.Abs(max));
    }
}
