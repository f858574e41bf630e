using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Ingest;

/// <summary>Logs each dead letter as a warning: the fallback where no dead-letter store is registered. The log is its store.</summary>
public sealed class LoggingDeadLetterSink(ILogger<LoggingDeadLetterSink> logger) : IDeadLetterSink
{
    /// <inheritdoc />
    public Task<bool> WriteAsync(DeadLetter deadLetter)
    {
        logger.DeadLetter(deadLetter.Stage, deadLetter.MeterId, deadLetter.Topic, deadLetter.Reason, deadLetter.Reading?.Timestamp, deadLetter.RawPayload);
        return Task.FromResult(true);
    }
}
