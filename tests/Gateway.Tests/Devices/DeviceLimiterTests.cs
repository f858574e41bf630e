using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeterGrains.Gateway.Tests.Devices;

public sealed class DeviceLimiterTests
{
    // Starts on a whole second, so that the audit seconds below are where the comments say.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_device_gets_its_burst_then_the_rate_and_a_flood_is_audited_once_per_second()
    {
        var limiter = Limiter(messagesPerSecond: 2, burst: 3);

        // t = 0: the bucket holds 3 tokens.
        Assert.Null(limiter.Check("d", 10).Refusal);
        Assert.Null(limiter.Check("d", 10).Refusal);
        Assert.Null(limiter.Check("d", 10).Refusal);
        var first = limiter.Check("d", 10);
        var second = limiter.Check("d", 10);
        Assert.Contains("faster than 2 messages per second", first.Refusal, StringComparison.Ordinal);
        Assert.True(first.Audit);
        Assert.NotNull(second.Refusal);
        Assert.False(second.Audit); // same second: counted, not audited again

        // t = 0.5 s: 0.5 s × 2/s = 1 token.
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(limiter.Check("d", 10).Refusal);
        Assert.False(limiter.Check("d", 10).Audit); // still second 0

        // t = 1.0 s: another token; the refusal after it is in a new second, so it is audited.
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(limiter.Check("d", 10).Refusal);
        Assert.True(limiter.Check("d", 10).Audit);

        // Another device has its own bucket.
        Assert.Null(limiter.Check("other", 10).Refusal);
    }

    [Fact]
    public void A_payload_over_the_limit_is_refused_without_taking_a_token()
    {
        var limiter = Limiter(messagesPerSecond: 1, burst: 1, maxPayloadBytes: 100);

        var tooLarge = limiter.Check("d", 101);

        Assert.Contains("payload of 101 bytes, over its limit of 100", tooLarge.Refusal, StringComparison.Ordinal);
        Assert.Null(limiter.Check("d", 100).Refusal); // the one token is still there
        Assert.NotNull(limiter.Check("d", 100).Refusal);
    }

    [Fact]
    public void A_rate_of_zero_means_no_rate_limit()
    {
        var limiter = Limiter(messagesPerSecond: 0, burst: 1);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Null(limiter.Check("d", 10).Refusal);
        }
    }

    private DeviceLimiter Limiter(double messagesPerSecond, int burst, int maxPayloadBytes = 16384) => new(
        Options.Create(new MqttOptions { DeviceLimits = new DeviceLimitsOptions { MessagesPerSecond = messagesPerSecond, Burst = burst, MaxPayloadBytes = maxPayloadBytes } }),
        _clock);
}
