using System.Collections.Concurrent;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Devices;

/// <summary>
/// Holds each authenticated device to <see cref="DeviceLimitsOptions"/>: a payload-size cap and a token bucket per device
/// id (shared by all of a device's connections to this broker). Consulted per message, without I/O.
/// </summary>
public sealed class DeviceLimiter(IOptions<MqttOptions> options, TimeProvider clock)
{
    private readonly DeviceLimitsOptions _limits = options.Value.DeviceLimits;
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastAuditSecond = new(StringComparer.Ordinal);

    /// <summary>Checks one message of <paramref name="deviceId"/> with a payload of <paramref name="payloadBytes"/>.</summary>
    public DeviceLimitVerdict Check(string deviceId, long payloadBytes)
    {
        var now = clock.GetUtcNow();
        string? refusal = null;
        if (payloadBytes > _limits.MaxPayloadBytes)
        {
            refusal = $"device '{deviceId}' sent a payload of {payloadBytes} bytes, over its limit of {_limits.MaxPayloadBytes} ({DeviceLimitsOptions.SectionName}:MaxPayloadBytes)";
        }
        else if (_limits.MessagesPerSecond > 0
                 && !_buckets.GetOrAdd(deviceId, static (_, state) => new TokenBucket(state.Rate, state.Burst, state.Now), (Rate: _limits.MessagesPerSecond, _limits.Burst, Now: now)).TryTake(now))
        {
            refusal = $"device '{deviceId}' publishes faster than {_limits.MessagesPerSecond} messages per second (burst {_limits.Burst}, {DeviceLimitsOptions.SectionName})";
        }

        if (refusal is null)
        {
            return DeviceLimitVerdict.Allowed;
        }

        var second = now.ToUnixTimeSeconds();
        // Compare-and-set: of concurrent refusals in one second, exactly one is audited.
        var audit = _lastAuditSecond.TryGetValue(deviceId, out var previous)
            ? previous != second && _lastAuditSecond.TryUpdate(deviceId, second, previous)
            : _lastAuditSecond.TryAdd(deviceId, second);
        return new DeviceLimitVerdict(refusal, audit);
    }
}
