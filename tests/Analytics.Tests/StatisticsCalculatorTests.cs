using MeterGrains.Analytics.Series;
using MeterGrains.Analytics.Statistics;

namespace MeterGrains.Analytics.Tests;

public sealed class StatisticsCalculatorTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sum_mean_sample_deviation_extremes_and_peak_hours_of_a_small_series()
    {
        var stats = StatisticsCalculator.Compute(Series.Hourly(Midnight, 1, 2, 3, 6), LocalCalendar.Utc)!;

        // Sum 12, mean 3; squared deviations 4 + 1 + 0 + 9 = 14, sample variance 14 / 3, σ = √4.6667 = 2.160247.
        Assert.Equal(4, stats.Hours);
        Assert.Equal(12, stats.Sum);
        Assert.Equal(3, stats.Mean);
        Assert.Equal(2.160247, stats.StandardDeviation, 6);
        Assert.Equal((1, Midnight), (stats.Min, stats.MinAt));
        Assert.Equal((6, Midnight.AddHours(3)), (stats.Max, stats.MaxAt));
        Assert.Equal([new PeakHour(3, 6), new PeakHour(2, 3), new PeakHour(1, 2)], stats.PeakHours);
    }

    [Fact]
    public void Peak_hours_are_hours_of_the_local_day()
    {
        // Brussels is UTC+2 on 1 October 2026 (summer time until 25 October): 00:00Z..03:00Z are 02:00..05:00 local.
        var brussels = new LocalCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));
        var stats = StatisticsCalculator.Compute(Series.Hourly(Midnight, 1, 2, 3, 6), brussels)!;
        Assert.Equal([5, 4, 3], stats.PeakHours.Select(p => p.Hour));
    }

    [Fact]
    public void An_empty_series_has_no_statistics_and_one_hour_has_no_spread()
    {
        Assert.Null(StatisticsCalculator.Compute([], LocalCalendar.Utc));
        Assert.Equal(0, StatisticsCalculator.Compute(Series.Hourly(Midnight, 7), LocalCalendar.Utc)!.StandardDeviation);
    }

    [Theory]
    // Odd count: median 3; |deviations| 2, 1, 0, 1, 97 → MAD 1 → σ 1.4826 (the outlier 100 does not move it).
    [InlineData(new[] { 1.0, 2, 3, 4, 100 }, 3, 1.4826)]
    // Even count: median (2 + 3) / 2 = 2.5; |deviations| 1.5, 0.5, 0.5, 1.5 → MAD (0.5 + 1.5) / 2 = 1 → σ 1.4826.
    [InlineData(new[] { 4.0, 1, 3, 2 }, 2.5, 1.4826)]
    // More than half equal: MAD 0, so 1.2533 × mean |deviation| = 1.2533 × 4 / 5 = 1.00264.
    [InlineData(new[] { 5.0, 5, 9, 5, 5 }, 5, 1.00264)]
    public void Median_and_robust_sigma(double[] values, double median, double sigma)
    {
        var copy = values.ToArray();
        var result = Robust.MedianAndSigma(values);
        Assert.Equal(median, result.Median, 9);
        Assert.Equal(sigma, result.Sigma, 5);
        Assert.Equal(copy, values);
    }
}
