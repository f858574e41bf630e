namespace MeterGrains.Gateway.Ingest;

/// <summary>
/// Keeps what the gateway could not ingest. The seam for the dead-letter store
/// (<c>GET /api/v1/ingest/dead-letters</c>); until it exists, <see cref="LoggingDeadLetterSink"/> logs them.
/// </summary>
/// <remarks>
/// Called on the receive and delivery paths, so an implementation must return quickly (buffer and write
/// in the background) and should not throw; the callers log and swallow exceptions.
/// </remarks>
public interface IDeadLetterSink
{
    /// <summary>Records one dead letter.</summary>
    ValueTask WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken);
}
