using MeterGrains.Analytics.Anomalies;
using MeterGrains.Analytics.Series;

namespace MeterGrains.Analytics.Tests;

public sealed class AnomalyDetectorTests
{
    private static readonly DateTimeOffset Spike = Series.Monday.AddDays(9).AddHours(3);

    /// <summary>
    /// Two weeks from Monday 5 October 2026, UTC: 1.0 on even days and 1.1 on odd days, except an evening peak at 19:00
    /// every day (5.0 / 5.1) and one 3 a.m. spike of 4.0 on day 9 (Wednesday 14 October), smaller than every evening peak.
    /// </summary>
    private static HourlyValue[] EveningPeaksAndANightSpike() =>
        Series.Days(Series.Monday, 14, (day, hour) =>
            day == 9 && hour == 3 ? 4.0 : (hour == 19 ? 5.0 : 1.0) + (day % 2 == 1 ? 0.1 : 0));

    [Fact]
    public void The_seasonal_default_flags_the_night_spike_and_no_evening_peak()
    {
        var anomaly = Assert.Single(SeasonalAnomalyDetector.Detect(EveningPeaksAndANightSpike(), LocalCalendar.Utc));

        // Weekday 03:00 slot, days 0-4 and 7-11: 1.0 ×5 (even days), 1.1 ×4 and the spike 4.0 (odd days).
        // Sorted: 1.0 ×5, 1.1 ×4, 4.0 → median (1.0 + 1.1) / 2 = 1.05; |deviations| 0.05 ×9, 2.95 → MAD 0.05,
        // σ = 1.4826 × 0.05 = 0.07413; score = (4.0 − 1.05) / 0.07413 = 39.795.
        Assert.Equal(Spike, anomaly.Start);
        Assert.Equal(4.0, anomaly.Value);
        Assert.Equal(1.05, anomaly.Expected, 9);
        Assert.Equal(39.795, anomaly.Score, 3);
        Assert.Equal(AnomalyDirection.High, anomaly.Direction);
        // The weekday 19:00 slot is 5.0 ×5, 5.1 ×5: median 5.05, MAD 0.05, every score ±0.674: no anomaly.
    }

    [Fact]
    public void The_plain_z_score_rule_flags_every_evening_peak()
    {
        var anomalies = ZScoreAnomalyDetector.Detect(EveningPeaksAndANightSpike());

        // Sum = 7 even days × (23 × 1.0 + 5.0) + 7 odd days × (23 × 1.1 + 5.1) + 2.9 (spike instead of a 1.1)
        //     = 196 + 212.8 + 2.9 = 411.7 over 336 hours: mean 1.2253.
        // Squared deviations ≈ 7 × 3.7747² + 7 × 3.8747² + 2.7747² + 161 × 0.2253² + 160 × 0.1253² ≈ 223.2;
        // σ = √(223.2 / 335) ≈ 0.816, limit ≈ 1.2253 + 2 × 0.816 ≈ 2.86: all 14 peaks and the spike are above it.
        Assert.Equal(15, anomalies.Count);
        Assert.Equal(14, anomalies.Count(a => a.Start.Hour == 19));
        Assert.Contains(anomalies, a => a.Start == Spike);
        Assert.All(anomalies, a => Assert.Equal(1.2253, a.Expected, 4));
    }

    [Fact]
    public void A_drop_in_a_busy_hour_is_a_low_anomaly()
    {
        // Weekday 19:00 of day 3 (Thursday) at 1.1 instead of 5.1. Slot sorted: 1.1, 5.0 ×5, 5.1 ×4 → median (5.0 + 5.0) / 2
        // = 5.0; |deviations| 3.9, 0 ×5, 0.1 ×4 → sorted 0 ×5, 0.1 ×4, 3.9 → MAD (0 + 0.1) / 2 = 0.05, σ 0.07413.
        var series = EveningPeaksAndANightSpike();
        var drop = Series.Monday.AddDays(3).AddHours(19);
        series[(3 * 24) + 19] = new HourlyValue(drop, 1.1);

        var anomaly = Assert.Single(SeasonalAnomalyDetector.Detect(series, LocalCalendar.Utc), a => a.Start == drop);

        // (1.1 − 5.0) / 0.07413 = −52.61.
        Assert.Equal(AnomalyDirection.Low, anomaly.Direction);
        Assert.Equal(5.0, anomaly.Expected, 9);
        Assert.Equal(-52.61, anomaly.Score, 1);
    }

    [Fact]
    public void A_flat_series_has_no_anomalies()
    {
        var flat = Series.Days(Series.Monday, 7, (_, _) => 2.0);
        Assert.Empty(SeasonalAnomalyDetector.Detect(flat, LocalCalendar.Utc));
        Assert.Empty(ZScoreAnomalyDetector.Detect(flat));
    }
}
