using System.Collections.Concurrent;
using MeterGrains.Gateway.Ingest;

namespace MeterGrains.Gateway.Tests.TestSupport;

/// <summary>
/// Keeps dead letters in memory. By default a letter counts as stored at once; a test can set <see cref="Storing"/> to
/// decide when (and whether) each one reaches the "disk".
/// </summary>
internal sealed class RecordingDeadLetterSink : IDeadLetterSink
{
    private readonly ConcurrentQueue<DeadLetter> _letters = new();

    public IReadOnlyList<DeadLetter> Letters => [.. _letters];

    /// <summary>Returns the task that completes when a letter is stored; null: stored at once.</summary>
    public Func<DeadLetter, Task<bool>>? Storing { get; set; }

    public Task<bool> WriteAsync(DeadLetter deadLetter)
    {
        _letters.Enqueue(deadLetter);
        return Storing?.Invoke(deadLetter) ?? Task.FromResult(true);
    }
}
