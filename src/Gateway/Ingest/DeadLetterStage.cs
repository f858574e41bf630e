namespace MeterGrains.Gateway.Ingest;

/// <summary>Where on the ingest path an input was refused or lost.</summary>
public enum DeadLetterStage
{
    /// <summary>The decoder refused the payload or one of its elements.</summary>
    Decode,

    /// <summary>The meter grain rejected the reading.</summary>
    Grain,

    /// <summary>The reading could not be delivered (retries exhausted, or shutdown before delivery).</summary>
    Delivery,

    /// <summary>The broker refused a connection, publish or subscription of a client (device authentication and topic ACL).</summary>
    Auth,

    /// <summary>The broker refused a device's message over its per-device limits (rate or payload size).</summary>
    Limit,
}
