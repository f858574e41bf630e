namespace MeterGrains.Gateway.Ingest;

/// <summary>How the readings of one message left the <see cref="IngestPipeline"/>.</summary>
public enum DeliveryOutcome
{
    /// <summary>
    /// Every reading was stored by its meter grain (which answers only after the reading store committed) or handed to
    /// the dead-letter store: the message may be acknowledged.
    /// </summary>
    Settled,

    /// <summary>
    /// The gateway stopped before some reading was delivered. Nothing was dead-lettered for it: the message must not be
    /// acknowledged, so that the broker delivers it again.
    /// </summary>
    Abandoned,
}
