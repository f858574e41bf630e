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
        // The floor from 03:00 over all days (relative deviations 0.05 / 1.05 ×13 and 2.95 / 1.05; the 4 weekend days
        // borrow the hour's median 1.05) is 1.4826 × 0.047619 × 1.05 = 0.07413 too: the score stands.
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
    public void A_slot_whose_few_values_agree_by_chance_borrows_the_spread_of_its_hour_of_day()
    {
        // Three weeks, 1.0 every hour except noon, and one 3 a.m. spike of 5.0 on Wednesday 7 October.
        // Noon on the 15 weekdays: 80 ×7, 100, 120 ×7 (median 100, MAD 20, σ 29.65).
        // Noon on the 6 weekend days: 100, 100, 100, 100, 101, 130: median 100, |deviations| 0 ×4, 1, 30, MAD 0, so
        // σ = 1.2533 × 31 / 6 = 6.475 and 130 would score 4.63. The floor: noon's relative deviations over all 21 days are
        // 0 ×5, 0.01, 0.2 ×14, 0.3 → median 0.2 → 1.4826 × 0.2 × 100 = 29.65; 130 scores 30 / 29.65 = 1.01: normal.
        // 3 a.m. on weekdays: 1.0 ×14 and 5.0 → median 1, MAD 0, σ = 1.2533 × 4 / 15 = 0.3342; the floor there is
        // 0 (20 of 21 relative deviations are 0), so the spike scores 4 / 0.3342 = 11.968.
        var weekday = 0;
        var weekend = 0;
        double[] weekendNoons = [100, 100, 100, 100, 101, 130];
        var series = Series.Days(Series.Monday, 21, (day, hour) =>
            hour == 3 && day == 2 ? 5.0
            : hour != 12 ? 1.0
            : day % 7 >= 5 ? weekendNoons[weekend++]
            : weekday++ switch { < 7 => 80, 7 => 100, _ => 120 });

        var anomaly = Assert.Single(SeasonalAnomalyDetector.Detect(series, LocalCalendar.Utc));

        Assert.Equal(Series.Monday.AddDays(2).AddHours(3), anomaly.Start);
        Assert.Equal(11.968, anomaly.Score, 3);
    }

    [Fact]
    public void A_flat_series_has_no_anomalies()
    {
        var flat = Series.Days(Series.Monday, 7, (_, _) => 2.0);
        Assert.Empty(SeasonalAnomalyDetector.Detect(flat, LocalCalendar.Utc));
        Assert.Empty(ZScoreAnomalyDetector.Detect(flat));
    }
}
