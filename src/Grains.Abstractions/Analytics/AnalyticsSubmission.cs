using MeterGrains.Live;

namespace MeterGrains.Analytics;

/// <summary>A processing app's result as it is handed in, its subject already mapped back to a real id.</summary>
/// <param name="Kind">What the result is: <c>anomaly</c>, <c>forecast</c>, <c>maintenance</c> or another word (<see cref="AnalyticsRules"/>).</param>
/// <param name="Subject">The meter or household it is about, by real id.</param>
/// <param name="From">Start of the period it covers (inclusive).</param>
/// <param name="To">End of the period it covers (exclusive), after <paramref name="From"/>.</param>
/// <param name="PayloadJson">The result itself, any JSON value, as text.</param>
/// <param name="Severity">One of <see cref="Alerts.AlertSeverities"/>.</param>
/// <param name="Source">Who posted it: the name of the caller's key.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.AnalyticsSubmission")]
public sealed record AnalyticsSubmission(
    [property: Id(0)] string Kind,
    [property: Id(1)] LiveTopic Subject,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] string PayloadJson,
    [property: Id(5)] string Severity,
    [property: Id(6)] string Source);
