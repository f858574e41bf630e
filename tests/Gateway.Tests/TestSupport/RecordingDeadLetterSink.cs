using System.Collections.Concurrent;
using MeterGrains.Gateway.Ingest;

namespace MeterGrains.Gateway.Tests.TestSupport;

internal sealed class RecordingDeadLetterSink : IDeadLetterSink
{
    private readonly ConcurrentQueue<DeadLetter> _letters = new();

    public IReadOnlyList<DeadLetter> Letters => [.. _letters];

    public ValueTask WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        _letters.Enqueue(deadLetter);
        return ValueTask.CompletedTask;
    }
}
