namespace MeterGrains.Exports.Tests;

/// <summary>Which days are due, and when the scheduler wakes next.</summary>
public sealed class ScheduleTests
{
    private static readonly DateOnly[] Partitions = [new(2026, 11, 23), new(2026, 11, 20), new(2026, 11, 21), new(2026, 11, 22)];

    [Fact]
    public void A_day_is_due_from_the_time_of_day_after_it_ended()
    {
        var oneHour = TimeSpan.FromHours(1);
        // 21 November ends at 22 November 00:00; due from 01:00. 22 and 23 (created ahead) have not ended.
        Assert.Equal([new DateOnly(2026, 11, 20)], DailyExporter.DueDays(Partitions, At("2026-11-22T00:59:59Z"), oneHour));
        Assert.Equal([new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21)], DailyExporter.DueDays(Partitions, At("2026-11-22T01:00:00Z"), oneHour));
        // With 00:00 a day is due the moment it ends.
        Assert.Equal([new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22)],
            DailyExporter.DueDays(Partitions, At("2026-11-23T00:00:00Z"), TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2026-11-22T00:30:00Z", "00:30:00")]
    [InlineData("2026-11-22T01:00:00Z", "1.00:00:00")]
    [InlineData("2026-11-22T23:00:00Z", "02:00:00")]
    [InlineData("2026-11-22T03:00:00+02:00", "1.00:00:00")]
    public void The_scheduler_wakes_at_the_next_time_of_day_in_UTC(string now, string wait)
    {
        Assert.Equal(TimeSpan.Parse(wait, System.Globalization.CultureInfo.InvariantCulture), ExportScheduler.UntilNext(At(now), TimeSpan.FromHours(1)));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
}
