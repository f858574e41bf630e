using System.Diagnostics;

namespace MeterGrains.Gateway;

/// <summary>
/// The gateway's trace spans: <c>mqtt receive</c> (one message decoded and enqueued) and <c>ingest deliver</c> (one meter's
/// readings to its grain; its parent is the first message's span, later messages are links). Orleans carries the trace
/// on into the grain call when the silo adds activity propagation.
/// </summary>
public static class GatewayActivities
{
    /// <summary>Name of the <see cref="ActivitySource"/>, to enable in OpenTelemetry.</summary>
    public const string SourceName = "MeterGrains.Gateway";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Whether anyone records these spans (so that callers skip gathering what they would carry).</summary>
    internal static bool Enabled => Source.HasListeners();

    /// <summary>Starts the span of one received message and makes it current; null when nobody listens.</summary>
    internal static Activity? StartReceive(string topic, string decoder)
    {
        var activity = Source.StartActivity("mqtt receive", ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "mqtt");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("metergrains.decoder", decoder);
        return activity;
    }

    /// <summary>Starts the span of one delivery, under the first message's span and linked to the others'.</summary>
    internal static Activity? StartDelivery(string meterId, int readings, IReadOnlyList<ActivityContext> messages)
    {
        var parent = messages.Count > 0 ? messages[0] : default;
        var links = messages.Count > 1 ? messages.Skip(1).Where(static c => c != default).Distinct().Select(static c => new ActivityLink(c)).ToList() : null;
        var activity = Source.StartActivity("ingest deliver", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("metergrains.meter_id", meterId);
        activity?.SetTag("metergrains.readings", readings);
        return activity;
    }
}
