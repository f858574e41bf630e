using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Meters;

public sealed class MeterWatchTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static GrainId Meter(string key) => GrainId.Create("meter", key);

    private static string[] Keys(IEnumerable<GrainId> meters) => [.. meters.Select(m => m.Key.ToString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public void Only_meters_that_are_due_are_taken_and_each_only_once()
    {
        var watch = new MeterWatch();
        watch.Arm(Meter("a"), Noon);
        watch.Arm(Meter("b"), Noon.AddSeconds(1));
        watch.Arm(Meter("c"), Noon.AddSeconds(-5));

        Assert.Equal(["a", "c"], Keys(watch.TakeDue(Noon)));
        Assert.Empty(watch.TakeDue(Noon));
        Assert.Equal(1, watch.Count);
        Assert.Equal(["b"], Keys(watch.TakeDue(Noon.AddSeconds(1))));
    }

    [Fact]
    public void Arming_again_replaces_the_earlier_request_and_disarming_withdraws_it()
    {
        var watch = new MeterWatch();
        watch.Arm(Meter("a"), Noon);
        watch.Arm(Meter("a"), Noon.AddMinutes(2));
        Assert.Empty(watch.TakeDue(Noon.AddMinutes(1)));

        watch.Disarm(Meter("a"));
        Assert.Empty(watch.TakeDue(Noon.AddHours(1)));
        Assert.Equal(0, watch.Count);
    }

    [Theory]
    // Defaults: offlineAfter 120 s, snapshot interval 30 s → 30 s / 4 = 7.5 s, capped at 5 s.
    [InlineData(120, 30, 5000)]
    // offlineAfter 3 s → 750 ms.
    [InlineData(3, 30, 750)]
    // 0.2 s → 50 ms, raised to the 100 ms floor.
    [InlineData(0.2, 30, 100)]
    public void The_sweep_period_is_a_quarter_of_the_shorter_chore_between_100_ms_and_5_s(double offlineAfterSeconds, double snapshotSeconds, double expectedMs)
    {
        var options = new MeterOptions { OfflineAfter = TimeSpan.FromSeconds(offlineAfterSeconds), SnapshotInterval = TimeSpan.FromSeconds(snapshotSeconds) };
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), MeterWatchService.SweepPeriod(options));
    }
}
