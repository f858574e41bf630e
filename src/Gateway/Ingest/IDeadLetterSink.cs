namespace MeterGrains.Gateway.Ingest;

/// <summary>
/// Keeps what the gateway could not ingest: the dead-letter store (<c>GET /api/v1/ingest/dead-letters</c>), or
/// <see cref="LoggingDeadLetterSink"/> where there is no database.
/// </summary>
/// <remarks>
/// <see cref="WriteAsync"/> is called on the receive and delivery paths, so it queues and returns at once; the task it
/// returns follows the dead letter to disk. Await that task only where an acknowledgement depends on the dead letter (a
/// QoS 1 message whose content was refused may be acknowledged only once its refusal is stored), never inside a receive
/// handler that other messages wait behind.
/// </remarks>
public interface IDeadLetterSink
{
    /// <summary>
    /// Records one dead letter. Completes with <c>true</c> once it is durably stored, or <c>false</c> when it was given up
    /// (the queue was full, or the gateway stopped before the database took it); never faults.
    /// </summary>
    Task<bool> WriteAsync(DeadLetter deadLetter);
}
