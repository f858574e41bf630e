namespace MeterGrains.Analytics.Statistics;

/// <summary>Robust location and scale: median, median absolute deviation, and quantiles.</summary>
public static class Robust
{
    /// <summary>Scales a MAD to the standard deviation of a normal distribution (1 / Φ⁻¹(3/4)).</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>Scales a mean absolute deviation to a normal standard deviation (√(π/2)), used when the MAD is zero.</summary>
    public const double MeanAbsoluteDeviationToSigma = 1.2533;

    /// <summary>The median; sorts <paramref name="values"/> in place.</summary>
    public static double Median(Span<double> values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /// <summary>The quantile <paramref name="p"/> of sorted values, interpolated linearly between order statistics.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>
    /// Median and a robust sigma of the values: 1.4826 × MAD, or 1.2533 × mean absolute deviation from the median when
    /// more than half the values are equal (MAD zero). Does not change <paramref name="values"/>.
    /// </summary>
    public static (double Median, double Sigma) MedianAndSigma(ReadOnlySpan<double> values)
    {
        var work = values.ToArray();
        var median = Median(work);
        var deviations = new double[work.Length];
        double absoluteSum = 0;
        for (var i = 0; i < work.Length; i++)
        {
            deviations[i] = Math.Abs(work[i] - median);
            absoluteSum += deviations[i];
        }

        var mad = Median(deviations);
        var sigma = mad > 0 ? MadToSigma * mad : MeanAbsoluteDeviationToSigma * absoluteSum / Math.Max(work.Length, 1);
        return (median, sigma);
    }
}
