using MeterGrains.Meters;

namespace MeterGrains.Gateway.Ingest;

/// <summary>Where the <see cref="IngestPipeline"/> delivers each meter's batch and presence reports: the meter grain in production.</summary>
public interface IReadingSink
{
    /// <summary>
    /// Delivers one meter's readings, in order. The pipeline never calls this concurrently for the same meter.
    /// A thrown exception makes the pipeline retry the same batch, so delivery must be idempotent
    /// (the meter grain is: a repeated reading with the same timestamp is a no-op).
    /// </summary>
    /// <param name="meterId">The meter, a valid id.</param>
    /// <param name="readings">At least one reading, oldest received first.</param>
    /// <param name="cancellationToken">Signalled when the gateway gives up waiting (shutdown).</param>
    /// <returns>How many readings the meter accepted, and which it rejected and why.</returns>
    ValueTask<IngestResult> DeliverAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken);

    /// <summary>
    /// Hands a device's report about itself to one of its meters; returns once the meter has stored it. Retried like
    /// <see cref="DeliverAsync"/>, so it must be idempotent too (the meter ignores a report it knows).
    /// </summary>
    ValueTask ReportPresenceAsync(string meterId, DevicePresence presence, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown by a delivery, says that the meter could not be reached for now (its
    /// host is gone or leaving) rather than that delivering failed. The pipeline retries such failures for up to
    /// <see cref="IngestOptions.UnreachableRetryTimeout"/> without counting them against <see cref="IngestOptions.MaxDeliveryAttempts"/>.
    /// </summary>
    bool IsUnreachable(Exception exception);
}
