using MeterGrains.Analytics.Statistics;

namespace MeterGrains.Analytics.Forecasting;

/// <summary>Offsets from the expected value to the bounds of the 80 % and 95 % prediction intervals.</summary>
public readonly record struct ResidualBand(double Lower95, double Lower80, double Upper80, double Upper95)
{
    /// <summary>z of the normal distribution for a central 80 % interval.</summary>
    public const double Z80 = 1.2816;

    /// <summary>z of the normal distribution for a central 95 % interval.</summary>
    public const double Z95 = 1.96;

    /// <summary>Residual quantiles below which an empirical band is not trusted.</summary>
    public const int MinEmpirical = 20;

    public static ResidualBand Normal(double sigma) => new(-Z95 * sigma, -Z80 * sigma, Z80 * sigma, Z95 * sigma);

    /// <summary>
    /// The 2.5, 10, 90 and 97.5 % quantiles of the residuals; with fewer than <see cref="MinEmpirical"/> residuals, a normal
    /// band with their standard deviation (about zero), or <paramref name="fallbackSigma"/> when there are fewer than two.
    /// </summary>
    public static ResidualBand Empirical(List<double> residuals, double fallbackSigma)
    {
        if (residuals.Count >= MinEmpirical)
        {
            var sorted = residuals.ToArray();
            Array.Sort(sorted);
            return new ResidualBand(
                Robust.QuantileOfSorted(sorted, 0.025),
                Robust.QuantileOfSorted(sorted, 0.10),
                Robust.QuantileOfSorted(sorted, 0.90),
                Robust.QuantileOfSorted(sorted, 0.975));
        }

        if (residuals.Count < 2)
        {
            return Normal(fallbackSigma);
        }

        var squares = residuals.Sum(r => r * r);
        return Normal(Math.Sqrt(squares / (residuals.Count - 1)));
    }

    public ForecastPoint Around(DateTimeOffset start, DateTimeOffset end, double expected, bool nonNegative)
    {
        double Floor(double v) => nonNegative ? Math.Max(v, 0) : v;
        return new ForecastPoint(
            start, end, Floor(expected), Floor(expected + Lower80), Floor(expected + Upper80), Floor(expected + Lower95), Floor(expected + Upper95));
    }
}
