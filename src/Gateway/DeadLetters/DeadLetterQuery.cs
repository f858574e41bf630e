namespace MeterGrains.Gateway.DeadLetters;

/// <summary>Which dead letters to read: <paramref name="From"/> ≤ received_at &lt; <paramref name="To"/>, oldest first.</summary>
/// <param name="From">Inclusive lower bound of the receive time.</param>
/// <param name="To">Exclusive upper bound of the receive time.</param>
/// <param name="MeterId">Only those of this meter; null for all.</param>
/// <param name="Limit">At most this many.</param>
public sealed record DeadLetterQuery(DateTimeOffset From, DateTimeOffset To, string? MeterId, int Limit);
