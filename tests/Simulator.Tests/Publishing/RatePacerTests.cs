using MeterGrains.Simulator.Publishing;
using Microsoft.Extensions.Time.Testing;

namespace MeterGrains.Simulator.Tests.Publishing;

public sealed class RatePacerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Readings_come_due_on_an_even_schedule()
    {
        var clock = new FakeTimeProvider(Start);
        var pacer = new RatePacer(10, clock, TimeSpan.FromSeconds(1));

        Assert.Equal((0, 1), pacer.TakeDue()); // reading 0 at once
        Assert.Equal((1, 0), pacer.TakeDue());
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.UntilNext());

        clock.Advance(TimeSpan.FromMilliseconds(350)); // readings 1, 2, 3 are due at 0.1, 0.2, 0.3 s
        Assert.Equal((1, 3), pacer.TakeDue());
        Assert.Equal(TimeSpan.FromMilliseconds(50), pacer.UntilNext());

        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal((4, 1), pacer.TakeDue());
        Assert.Equal(Start.AddMilliseconds(400), pacer.ScheduledAt(4));
    }

    [Fact]
    public void A_stall_longer_than_the_backlog_gives_up_the_oldest_readings()
    {
        var clock = new FakeTimeProvider(Start);
        var pacer = new RatePacer(100, clock, TimeSpan.FromSeconds(1));
        pacer.TakeDue();

        // 5 s stalled at 100/s: readings 1…500 due, at most 1 s = 100 kept: 401…500; 400 given up.
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal((401, 100), pacer.TakeDue());
        Assert.Equal(400, pacer.Skipped);
        Assert.Equal(Start.AddMilliseconds(4010), pacer.ScheduledAt(401));
    }
}
