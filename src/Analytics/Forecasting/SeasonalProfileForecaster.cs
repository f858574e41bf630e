using MeterGrains.Analytics.Series;
using MeterGrains.Analytics.Statistics;

namespace MeterGrains.Analytics.Forecasting;

/// <summary>
/// The default forecast. An hour is forecast as the recency-weighted mean of the history's values at the same local
/// hour of day and day type (weekday or weekend), each value weighted 0.5^(age / half-life), so the profile follows a
/// household that changes its habits. (Hour of week would tell Saturday from Sunday, but a month of history gives it
/// four values per slot, too few; day type gives about twenty-one and eight.) A slot with fewer than
/// <see cref="MinSlotValues"/> values borrows the hour of day over all days, then the whole history.
/// Intervals come from the empirical quantiles of leave-one-out residuals, x − (the slot's mean without x), which the
/// weighted mean gives exactly as (x − m)·W / (W − w); a day's interval from the residuals summed over whole local days.
/// </summary>
public static class SeasonalProfileForecaster
{
    public const string MethodName = "seasonal-profile";

    public const int MinSlotValues = 3;

    public static readonly TimeSpan DefaultHalfLife = TimeSpan.FromDays(14);

    public static IForecastModel Fit(IReadOnlyList<HourlyValue> history, LocalCalendar calendar) =>
        Fit(history, calendar, DefaultHalfLife);

    public static IForecastModel Fit(IReadOnlyList<HourlyValue> history, LocalCalendar calendar, TimeSpan halfLife)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfZero(history.Count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);

        var newest = history.Max(v => v.Start);
        var weights = new double[history.Count];
        var locals = new LocalHour[history.Count];
        var byDayType = new WeightedMean[48];
        var byHour = new WeightedMean[24];
        var global = default(WeightedMean);
        for (var i = 0; i < history.Count; i++)
        {
            weights[i] = Math.Pow(0.5, (newest - history[i].Start) / halfLife);
            locals[i] = calendar.At(history[i].Start);
            byDayType[locals[i].DayTypeSlot].Add(history[i].Value, weights[i]);
            byHour[locals[i].Hour].Add(history[i].Value, weights[i]);
            global.Add(history[i].Value, weights[i]);
        }

        var profile = new Profile(byDayType, byHour, global);
        var hourlyResiduals = new List<double>(history.Count);
        var residualSeries = new List<HourlyValue>(history.Count);
        for (var i = 0; i < history.Count; i++)
        {
            var slot = profile.SlotOf(locals[i]);
            if (slot.Weight > weights[i])
            {
                var residual = (history[i].Value - slot.Mean) * slot.Weight / (slot.Weight - weights[i]);
                hourlyResiduals.Add(residual);
                residualSeries.Add(new HourlyValue(history[i].Start, residual));
            }
        }

        var (_, sd) = StatisticsCalculator.MeanAndDeviation(history);
        var hourlyBand = ResidualBand.Empirical(hourlyResiduals, sd);
        var dailyResiduals = DailyResiduals.WholeDays(residualSeries, calendar);
        return new Model(profile, calendar, hourlyBand, dailyResiduals, history.All(v => v.Value >= 0));
    }

    private struct WeightedMean
    {
        public double Weight;
        public double WeightedSum;
        public int Count;

        public readonly double Mean => WeightedSum / Weight;

        public void Add(double value, double weight)
        {
            Weight += weight;
            WeightedSum += weight * value;
            Count++;
        }
    }

    private sealed class Profile(WeightedMean[] byDayType, WeightedMean[] byHour, WeightedMean global)
    {
        public WeightedMean SlotOf(LocalHour local) =>
            byDayType[local.DayTypeSlot].Count >= MinSlotValues ? byDayType[local.DayTypeSlot]
            : byHour[local.Hour].Count >= MinSlotValues ? byHour[local.Hour]
            : global;
    }

    private sealed class Model(
        Profile profile, LocalCalendar calendar, ResidualBand hourlyBand, List<double> dailyResiduals, bool nonNegative) : IForecastModel
    {
        public string Method => MethodName;

        public ForecastPoint Hour(DateTimeOffset start) =>
            hourlyBand.Around(start, start.AddHours(1), profile.SlotOf(calendar.At(start)).Mean, nonNegative);

        public ForecastPoint Day(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<ForecastPoint> hours)
        {
            // Without enough whole days, hourly residuals taken as independent: σ·√hours.
            var hourlySigma = (hourlyBand.Upper95 - hourlyBand.Lower95) / (2 * ResidualBand.Z95);
            var band = ResidualBand.Empirical(dailyResiduals, hourlySigma * Math.Sqrt(hours.Count));
            return band.Around(start, end, hours.Sum(h => h.Expected), nonNegative);
        }
    }
}
