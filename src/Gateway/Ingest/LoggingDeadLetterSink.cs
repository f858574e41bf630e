using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Ingest;

/// <summary>Logs each dead letter as a warning. Stand-in until the dead-letter store exists.</summary>
public sealed class LoggingDeadLetterSink(ILogger<LoggingDeadLetterSink> logger) : IDeadLetterSink
{
    /// <inheritdoc />
    public ValueTask WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        logger.DeadLetter(deadLetter.Stage, deadLetter.MeterId, deadLetter.Topic, deadLetter.Reason, deadLetter.Reading?.Timestamp, deadLetter.RawPayload);
        return ValueTask.CompletedTask;
    }
}
