namespace MeterGrains.Domain;

/// <summary>What applying one reading did.</summary>
public enum ReadingOutcomeKind
{
    /// <summary>A new reading, in order.</summary>
    Accepted,

    /// <summary>The same timestamp and values again: nothing changes.</summary>
    Duplicate,

    /// <summary>The same timestamp with different values: the first copy stands.</summary>
    Conflict,

    /// <summary>Older than the latest reading: kept raw, integrals unchanged.</summary>
    Late,

    /// <summary>Refused by validation.</summary>
    Rejected,
}

/// <summary>The outcome of one reading, with the reason when it was refused or conflicting.</summary>
public readonly record struct ReadingOutcome(ReadingOutcomeKind Kind, string? Reason = null)
{
    public static ReadingOutcome Accepted { get; } = new(ReadingOutcomeKind.Accepted);
    public static ReadingOutcome Duplicate { get; } = new(ReadingOutcomeKind.Duplicate);
    public static ReadingOutcome Late { get; } = new(ReadingOutcomeKind.Late);
}
