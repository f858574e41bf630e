namespace MeterGrains.Gateway.DeadLetters;

/// <summary>Reads the dead-letter store.</summary>
public interface IDeadLetterReader
{
    ValueTask<IReadOnlyList<StoredDeadLetter>> ReadAsync(DeadLetterQuery query, CancellationToken ct);
}
