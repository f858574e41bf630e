using System.Diagnostics.Metrics;
using MeterGrains.Gateway.Ingest;

namespace MeterGrains.Gateway;

/// <summary>
/// The gateway's instruments on the <c>MeterGrains.Gateway</c> meter: <c>metergrains.messages.received</c> (tag
/// <c>decoder</c>), <c>metergrains.readings.accepted</c>, <c>metergrains.readings.rejected</c> (tag <c>stage</c>: decode,
/// grain, delivery, auth, limit), <c>metergrains.mqtt.refusals</c> (tag <c>action</c>: connect, publish, subscribe),
/// <c>metergrains.ingest.batch.size</c> (readings per grain delivery), and <c>metergrains.dead_letters.stored</c> and
/// <c>metergrains.dead_letters.dropped</c> (tag <c>stage</c>). Prometheus shows the counters with a <c>_total</c> suffix.
/// </summary>
public sealed class GatewayMetrics
{
    /// <summary>Name of the <see cref="Meter"/>, to enable in OpenTelemetry.</summary>
    public const string MeterName = "MeterGrains.Gateway";

    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _readingsAccepted;
    private readonly Counter<long> _readingsRejected;
    private readonly Counter<long> _refusals;
    private readonly Histogram<int> _deliveryBatchSize;
    private readonly Counter<long> _deadLettersStored;
    private readonly Counter<long> _deadLettersDropped;
    private long _messagesReceivedTotal;
    private long _readingsAcceptedTotal;

    /// <summary>Creates the counters on a meter owned by <paramref name="meterFactory"/>.</summary>
    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _messagesReceived = meter.CreateCounter<long>("metergrains.messages.received", "{message}", "MQTT messages handed to a payload decoder.");
        _readingsAccepted = meter.CreateCounter<long>("metergrains.readings.accepted", "{reading}", "Readings the meter grains accepted.");
        _readingsRejected = meter.CreateCounter<long>("metergrains.readings.rejected", "{reading}", "Readings or payloads refused or lost, by stage.");
        _refusals = meter.CreateCounter<long>(
            "metergrains.mqtt.refusals", "{refusal}", "Connections, publishes and subscriptions the broker refused (authentication, topic ACL).");
        _deliveryBatchSize = meter.CreateHistogram(
            "metergrains.ingest.batch.size", "{reading}", "Readings per delivery to a meter grain (one meter's readings of one lane drain).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        _deadLettersStored = meter.CreateCounter<long>("metergrains.dead_letters.stored", "{dead_letter}", "Dead letters written to the dead-letter store, by stage.");
        _deadLettersDropped = meter.CreateCounter<long>(
            "metergrains.dead_letters.dropped", "{dead_letter}", "Dead letters that found the store's queue full: logged, not stored.");
    }

    /// <summary>Bucket bounds for batch sizes: powers of two up to the largest drain.</summary>
    public static IReadOnlyList<int> BatchSizeBuckets { get; } = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

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

    internal void Delivering(int readings) => _deliveryBatchSize.Record(readings);

    internal void DeadLettersStored(IEnumerable<DeadLetterStage> stages)
    {
        foreach (var group in stages.GroupBy(static s => s))
        {
            _deadLettersStored.Add(group.Count(), new KeyValuePair<string, object?>("stage", StageTag(group.Key)));
        }
    }

    internal void DeadLetterDropped(DeadLetterStage stage) => _deadLettersDropped.Add(1, new KeyValuePair<string, object?>("stage", StageTag(stage)));

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
