namespace MeterGrains.Alerts;

/// <summary>Which stored alerts to return: <paramref name="From"/> ≤ ts &lt; <paramref name="To"/>, oldest first.</summary>
/// <param name="Subject">Only alerts about this meter or household; null for all.</param>
/// <param name="Kind">Only alerts of this kind; null for all.</param>
/// <param name="From">Inclusive lower bound of ts.</param>
/// <param name="To">Exclusive upper bound of ts.</param>
/// <param name="Limit">At most this many.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.AlertQuery")]
public sealed record AlertQuery(
    [property: Id(0)] string? Subject,
    [property: Id(1)] string? Kind,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] int Limit);
