using MeterGrains.Api.Live;
using Microsoft.Extensions.Time.Testing;

namespace MeterGrains.Api.Tests.Live;

public sealed class UpdateCoalescerTests
{
    // 4 updates per second: at least 250 ms between two sends.
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1.0 / 4);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<(TimeSpan At, int Value)> _sent = [];

    [Fact]
    public void Ten_updates_in_one_second_send_at_most_four_and_the_last_value_wins()
    {
        var start = _clock.GetUtcNow();
        using var coalescer = new UpdateCoalescer<int>(MinInterval, _clock, v => _sent.Add((_clock.GetUtcNow() - start, v)));

        // Values 0..9 offered at 0, 100, …, 900 ms.
        for (var i = 0; i < 10; i++)
        {
            coalescer.Offer(i);
            _clock.Advance(Step);
        }

        var inFirstSecond = _sent.Where(s => s.At < TimeSpan.FromSeconds(1)).ToList();
        Assert.InRange(inFirstSecond.Count, 1, 4);
        // The first update after a quiet spell goes at once.
        Assert.Equal((TimeSpan.Zero, 0), _sent[0]);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(9, _sent[^1].Value);
        Assert.True(_sent.Count < 10, $"sent {_sent.Count} of 10");
        // Sent values only ever grow: a coalesced update never sends an older value after a newer one.
        Assert.Equal(_sent.Select(s => s.Value).Order(), _sent.Select(s => s.Value));
        // No two sends closer than the interval.
        Assert.All(_sent.Zip(_sent.Skip(1)), p => Assert.True(p.Second.At - p.First.At >= MinInterval, $"{p.First} then {p.Second}"));
    }

    [Fact]
    public void Values_are_coalesced_to_the_newest_while_the_interval_runs()
    {
        using var coalescer = new UpdateCoalescer<int>(MinInterval, _clock, v => _sent.Add((TimeSpan.Zero, v)));

        coalescer.Offer(1);
        coalescer.Offer(2);
        coalescer.Offer(3);
        Assert.Equal([1], _sent.Select(s => s.Value));

        // 249 ms after the first send the interval still runs; at 250 ms the newest waiting value (3) goes.
        _clock.Advance(MinInterval - TimeSpan.FromMilliseconds(1));
        Assert.Single(_sent);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([1, 3], _sent.Select(s => s.Value));

        // Quiet for longer than the interval: the next value goes at once.
        _clock.Advance(TimeSpan.FromSeconds(5));
        coalescer.Offer(4);
        Assert.Equal([1, 3, 4], _sent.Select(s => s.Value));
    }

    [Fact]
    public void Nothing_is_sent_after_dispose()
    {
        var coalescer = new UpdateCoalescer<int>(MinInterval, _clock, v => _sent.Add((TimeSpan.Zero, v)));
        coalescer.Offer(1);
        coalescer.Offer(2);
        coalescer.Dispose();

        _clock.Advance(TimeSpan.FromSeconds(1));
        coalescer.Offer(3);
        Assert.Equal([1], _sent.Select(s => s.Value));
    }
}
