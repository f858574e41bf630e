namespace MeterGrains.Analytics;

/// <summary>
/// Which stored results to return: those whose period overlaps <c>[From, To)</c>, ordered by their start, at most
/// <paramref name="Limit"/>.
/// </summary>
/// <param name="SubjectId">Only results about this meter or household id; null for all.</param>
/// <param name="Kind">Only results of this kind; null for all.</param>
/// <param name="From">Inclusive start of the range.</param>
/// <param name="To">Exclusive end of the range.</param>
/// <param name="Limit">At most this many.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.AnalyticsResultQuery")]
public sealed record AnalyticsResultQuery(
    [property: Id(0)] string? SubjectId,
    [property: Id(1)] string? Kind,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] int Limit);
