using MeterGrains.Alerts;
using MeterGrains.Households;
using MeterGrains.Live;
using MeterGrains.Meters;
using Microsoft.Extensions.Time.Testing;

namespace MeterGrains.Grains.Tests.Live;

public sealed class LiveWatchersTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_watcher_is_notified_until_its_lease_lapses_unless_renewed()
    {
        var watchers = new LiveWatchers(_clock);
        var renewed = new CountingObserver();
        var abandoned = new CountingObserver();
        watchers.Watch(renewed, TimeSpan.FromSeconds(90));
        watchers.Watch(abandoned, TimeSpan.FromSeconds(90));

        watchers.Notify(Push);
        _clock.Advance(TimeSpan.FromSeconds(60));
        watchers.Watch(renewed, TimeSpan.FromSeconds(90)); // now lasts until 150 s
        _clock.Advance(TimeSpan.FromSeconds(30));          // 90 s: the abandoned lease ends
        watchers.Notify(Push);

        Assert.Equal(2, renewed.Count);
        Assert.Equal(1, abandoned.Count);
        Assert.True(watchers.Any);

        _clock.Advance(TimeSpan.FromSeconds(60));          // 150 s: the renewed lease ends too
        watchers.Notify(Push);
        Assert.Equal(2, renewed.Count);
        Assert.False(watchers.Any);
    }

    [Fact]
    public void An_observer_that_throws_does_not_stop_the_others_or_the_caller()
    {
        var watchers = new LiveWatchers(_clock);
        var fine = new CountingObserver();
        watchers.Watch(new ThrowingObserver(), TimeSpan.FromMinutes(1));
        watchers.Watch(fine, TimeSpan.FromMinutes(1));

        watchers.Notify(Push);
        Assert.Equal(1, fine.Count);
    }

    [Fact]
    public void Unwatched_observers_hear_nothing()
    {
        var watchers = new LiveWatchers(_clock);
        var observer = new CountingObserver();
        watchers.Watch(observer, TimeSpan.FromMinutes(1));
        watchers.Unwatch(observer);

        watchers.Notify(Push);
        Assert.Equal(0, observer.Count);
        Assert.False(watchers.Any);
    }

    private static Task Push(ILiveObserver o) => o.AlertRaisedAsync(LiveTopic.Meter("m"), new Alert("k", "m", "info", "x", DateTimeOffset.UnixEpoch));

    private sealed class CountingObserver : ILiveObserver
    {
        public int Count { get; private set; }

        public Task MeterUpdatedAsync(MeterLiveState state, DateTimeOffset ts) => Task.CompletedTask;

        public Task HouseholdUpdatedAsync(string householdId, HouseholdFlow flow, DateTimeOffset ts) => Task.CompletedTask;

        public Task AlertRaisedAsync(LiveTopic topic, Alert alert)
        {
            Count++;
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : ILiveObserver
    {
        public Task MeterUpdatedAsync(MeterLiveState state, DateTimeOffset ts) => throw new InvalidOperationException();

        public Task HouseholdUpdatedAsync(string householdId, HouseholdFlow flow, DateTimeOffset ts) => throw new InvalidOperationException();

        public Task AlertRaisedAsync(LiveTopic topic, Alert alert) => throw new InvalidOperationException("observer gone");
    }
}
