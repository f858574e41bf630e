using System.Diagnostics.Metrics;
using MeterGrains.Gateway.Ingest;

namespace MeterGrains.Gateway;

/// <summary>
/// The gateway's counters on the <c>MeterGrains.Gateway</c> meter: <c>messages.received</c> (tag <c>decoder</c>),
/// <c>readings.accepted</c>, <c>readings.rejected</c> (tag <c>stage</c>: decode, grain, delivery, auth), and
/// <c>mqtt.refusals</c> (tag <c>action</c>: connect, publish, subscribe).
/// </summary>
public sealed class GatewayMetrics
{
    /// <summary>Name of the <see cref="Meter"/>, to enable in OpenTelemetry.</summary>
    public const string MeterName = "MeterGrains.Gateway";

    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _readingsAccepted;
    private readonly Counter<long> _readingsRejected;
    private readonly Counter<long> _refusals;
    private long _messagesReceivedTotal;
    private long _readingsAcceptedTotal;

    /// <summary>Creates the counters on a meter owned by <paramref name="meterFactory"/>.</summary>
    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _messagesReceived = meter.CreateCounter<long>("messages.received", "{message}", "MQTT messages handed to a payload decoder.");
        _readingsAccepted = meter.CreateCounter<long>("readings.accepted", "{reading}", "Readings the meter grains accepted.");
        _readingsRejected = meter.CreateCounter<long>("readings.rejected", "{reading}", "Readings or payloads refused or lost, by stage.");
        _refusals = meter.CreateCounter<long>("mqtt.refusals", "{refusal}", "Connections, publishes and subscriptions the broker refused (authentication, topic ACL).");
    }

    /// <summary>Messages handed to a decoder since start (for the gateway registry).</summary>
    public long MessagesReceivedTotal => Interlocked.Read(ref _messagesReceivedTotal);

    /// <summary>Readings the meter grains accepted since start (for the gateway registry).</summary>
    public long ReadingsAcceptedTotal => Interlocked.Read(ref _readingsAcceptedTotal);

    internal void MessageReceived(string decoder)
    {
        Interlocked.Increment(ref _messagesReceivedTotal);
        _messagesReceived.Add(1, new KeyValuePair<string, object?>("decoder", decoder));
    }

    internal void ReadingsAccepted(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _readingsAcceptedTotal, count);
            _readingsAccepted.Add(count);
        }
    }

    internal void ReadingsRejected(DeadLetterStage stage, int count)
    {
        if (count > 0)
        {
            _readingsRejected.Add(count, new KeyValuePair<string, object?>("stage", StageTag(stage)));
        }
    }

    internal void Refused(string action) => _refusals.Add(1, new KeyValuePair<string, object?>("action", action));

    private static string StageTag(DeadLetterStage stage) => stage switch
    {
        DeadLetterStage.Decode => "decode",
        DeadLetterStage.Grain => "grain",
        DeadLetterStage.Delivery => "delivery",
        DeadLetterStage.Auth => "auth",
        DeadLetterStage.Limit => "limit",
        _ => "unknown",
    };
}
