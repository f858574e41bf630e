using MeterGrains.Imports.Csv;
using MeterGrains.Imports.Storage;

namespace MeterGrains.Imports.Tests;

public sealed class IntervalDaysTests
{
    /// <summary>
    /// Rows in file order (time, then channel) become one entry per sub-meter and UTC day, in ordinal meter order
    /// ("m:B" &lt; "m:a": 'B' is 0x42, 'a' 0x61), offsets in µs after the day's start, ascending:
    /// 2026-03-02 23:00Z is 23 × 3600 × 10⁶ = 82,800,000,000; 01:00+02:00 on 3 March is 2 March 23:00Z too, so it repeats
    /// m:a's interval and its first copy (5) stands; 10:00:00.5 is 36,000,500,000; the tick below a microsecond is cut off.
    /// </summary>
    [Fact]
    public void Rows_group_by_meter_and_utc_day_with_offsets_in_microseconds_and_the_first_copy_standing()
    {
        var utc = TimeSpan.Zero;
        EnergyRow[] rows =
        [
            new("m:a", new DateTimeOffset(2026, 3, 2, 23, 0, 0, utc), 5),
            new("m:B", new DateTimeOffset(2026, 3, 3, 0, 0, 0, utc), 7),
            new("m:a", new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.FromHours(2)), 6),
            new("m:a", new DateTimeOffset(2026, 3, 2, 10, 0, 0, 500, utc).AddTicks(9), 4),
            new("m:B", new DateTimeOffset(2026, 3, 2, 0, 0, 0, utc), 8),
        ];

        var days = IntervalDays.Group(rows);

        Assert.Equal(["m:B", "m:B", "m:a"], days.MeterIds);
        Assert.Equal(
            [new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc)],
            days.DayStarts);
        Assert.All(days.DayStarts, d => Assert.Equal(DateTimeKind.Utc, d.Kind));
        Assert.Equal([0, 1, 2, 4], days.Bounds);
        Assert.Equal([0L, 0L, 36_000_500_000L, 82_800_000_000L], days.Offsets);
        Assert.Equal([8.0, 7.0, 4.0, 5.0], days.EnergyWh);
    }

    /// <summary>
    /// One channel in reverse time order, each of its 40 hours given three times (energy 1000 + hour for the first copy,
    /// then 2000 + hour and 3000 + hour): the first copy of every hour stands, whatever order the sort leaves equal times in.
    /// </summary>
    [Fact]
    public void Out_of_order_rows_with_repeats_keep_the_first_copy_of_each_interval()
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new List<EnergyRow>();
        for (var copy = 1; copy <= 3; copy++)
        {
            for (var hour = 39; hour >= 0; hour--)
            {
                rows.Add(new EnergyRow("m:x", start.AddHours(hour), (copy * 1000) + hour));
            }
        }

        var days = IntervalDays.Group(rows);

        Assert.Equal(["m:x", "m:x"], days.MeterIds);
        Assert.Equal([0, 24, 40], days.Bounds);
        Assert.Equal(Enumerable.Range(0, 40).Select(h => 1000.0 + h), days.EnergyWh);
        Assert.Equal(Enumerable.Range(0, 40).Select(h => (h % 24) * 3_600_000_000L), days.Offsets);
    }

    /// <summary>
    /// The same meter id as different string instances (as a caller other than the parser may hand them) is one meter:
    /// one entry per day, not one per instance.
    /// </summary>
    [Fact]
    public void Equal_meter_ids_in_different_strings_are_one_meter()
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 30).Select(h => new EnergyRow(new string("m:x".AsSpan()), start.AddHours(h), h)).ToList();

        var days = IntervalDays.Group(rows);

        Assert.Equal(["m:x", "m:x"], days.MeterIds);
        Assert.Equal([0, 24, 30], days.Bounds);
        Assert.Equal(Enumerable.Range(0, 30).Select(h => (double)h), days.EnergyWh);
    }

    [Fact]
    public void No_rows_make_no_entries()
    {
        var days = IntervalDays.Group([]);

        Assert.Empty(days.MeterIds);
        Assert.Equal([0], days.Bounds);
    }
}
