namespace MeterGrains.Gateway.Ingest;

/// <summary>Tuning of the <see cref="IngestPipeline"/>, bound from the <c>Ingest</c> configuration section.</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Ingest";

    /// <summary>Number of worker lanes; meters are spread over them by a hash of the meter id. 0 (default) means processor count × 2.</summary>
    public int LaneCount { get; set; }

    /// <summary>
    /// Messages (one meter's batch each) a lane holds before writers wait for space. Default 1024.
    /// This bound is the back-pressure: a full lane makes the MQTT receive path wait instead of growing memory.
    /// </summary>
    public int LaneCapacity { get; set; } = 1024;

    /// <summary>Most messages a lane takes in one drain before delivering. Default 256.</summary>
    public int MaxDrainCount { get; set; } = 256;

    /// <summary>Delivery attempts per batch (first try included) before its readings are dead-lettered. Default 5.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>
    /// How long a batch whose meter cannot be reached is retried before its readings are dead-lettered: the meter's silo
    /// died and the cluster has not declared it dead yet, or it is leaving. These failures do not count against
    /// <see cref="MaxDeliveryAttempts"/>: the reading is fine, only its meter is moving. Default 2 minutes, well over the
    /// time Orleans takes to declare a dead silo dead (a few missed probes of 5 s).
    /// </summary>
    public TimeSpan UnreachableRetryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Delay before the first retry; doubled on each further retry. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between retries. Default 5 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The lane count in effect: <see cref="LaneCount"/>, or processor count × 2 when it is 0.</summary>
    public int EffectiveLaneCount => LaneCount > 0 ? LaneCount : Environment.ProcessorCount * 2;
}
