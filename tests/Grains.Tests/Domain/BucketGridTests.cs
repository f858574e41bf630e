using MeterGrains.Energy;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class BucketGridTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly TimeZoneInfo Asuncion = TimeZoneInfo.FindSystemTimeZoneById("America/Asuncion");

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void Quarter_hours_and_hours_are_on_utc()
    {
        var t = new DateTimeOffset(2026, 11, 22, 11, 44, 59, TimeSpan.FromHours(1)); // 10:44:59Z

        Assert.Equal(Utc(2026, 11, 22, 10, 30), BucketGrid.Floor(t, EnergyInterval.QuarterHour, Brussels));
        Assert.Equal(Utc(2026, 11, 22, 10), BucketGrid.Floor(t, EnergyInterval.Hour, Brussels));
        Assert.True(BucketGrid.IsBoundary(Utc(2026, 11, 22, 10, 45), EnergyInterval.QuarterHour, Brussels));
        Assert.False(BucketGrid.IsBoundary(Utc(2026, 11, 22, 10, 45), EnergyInterval.Hour, Brussels));
    }

    [Fact]
    public void Days_in_brussels_are_23_and_25_hours_long_on_dst_days()
    {
        // 2026-03-29: 00:00 CET = 03-28T23:00Z, next midnight 00:00 CEST = 03-29T22:00Z.
        var spring = BucketGrid.Floor(Utc(2026, 3, 29, 12), EnergyInterval.Day, Brussels);
        Assert.Equal(Utc(2026, 3, 28, 23), spring);
        Assert.Equal(Utc(2026, 3, 29, 22), BucketGrid.Step(spring, 1, EnergyInterval.Day, Brussels));

        // 2026-10-25: 00:00 CEST = 10-24T22:00Z, next midnight 00:00 CET = 10-25T23:00Z.
        var fall = BucketGrid.Floor(Utc(2026, 10, 25, 1, 30), EnergyInterval.Day, Brussels); // 02:30 CET, after the repeat
        Assert.Equal(Utc(2026, 10, 24, 22), fall);
        Assert.Equal(Utc(2026, 10, 25, 23), BucketGrid.Step(fall, 1, EnergyInterval.Day, Brussels));
    }

    [Fact]
    public void Stepping_back_by_days_crosses_a_dst_change()
    {
        // 2026-04-02 00:00 CEST = 04-01T22:00Z; seven local days back is 2026-03-26 00:00 CET = 03-25T23:00Z.
        Assert.Equal(Utc(2026, 3, 25, 23), BucketGrid.Step(Utc(2026, 4, 1, 22), -7, EnergyInterval.Day, Brussels));
    }

    [Fact]
    public void A_clock_change_at_midnight_moves_the_start_of_the_day()
    {
        // Paraguay, 2023-10-01: at 00:00 (UTC−4) clocks jumped to 01:00 (UTC−3), so the day began at 01:00 = 04:00Z
        // and lasted 23 hours, to 2023-10-02 00:00 UTC−3 = 03:00Z.
        var day = BucketGrid.Floor(Utc(2023, 10, 1, 12), EnergyInterval.Day, Asuncion);
        Assert.Equal(Utc(2023, 10, 1, 4), day);
        Assert.Equal(Utc(2023, 10, 2, 3), BucketGrid.Step(day, 1, EnergyInterval.Day, Asuncion));

        // 2023-03-26: at 00:00 (UTC−3) clocks went back to 23:00 on the 25th (UTC−4). Both 23:xx hours belong to
        // the 25th, which ran from 00:00 UTC−3 = 03-25T03:00Z to 03-26 00:00 UTC−4 = 04:00Z: 25 hours.
        var repeated = Utc(2023, 3, 26, 3, 30); // 23:30 UTC−4, the second 23:30
        Assert.Equal(Utc(2023, 3, 25, 3), BucketGrid.Floor(repeated, EnergyInterval.Day, Asuncion));
        Assert.Equal(Utc(2023, 3, 26, 4), BucketGrid.Step(Utc(2023, 3, 25, 3), 1, EnergyInterval.Day, Asuncion));
    }

    [Fact]
    public void Spans_cover_the_range_from_the_bucket_of_its_start()
    {
        // Two Brussels days from the spring-forward one: 23 h, then 24 h.
        var days = BucketGrid.Spans(Utc(2026, 3, 28, 23), Utc(2026, 3, 30, 22), EnergyInterval.Day, Brussels).ToList();
        Assert.Equal([(Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 22)), (Utc(2026, 3, 29, 22), Utc(2026, 3, 30, 22))], days);

        Assert.Equal(96, BucketGrid.Spans(Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 23), EnergyInterval.QuarterHour, Brussels).Count());
    }
}
