using MeterGrains.Live;

namespace MeterGrains.Analytics;

/// <summary>A stored processing result (see <see cref="AnalyticsSubmission"/> for the fields it was posted with).</summary>
/// <param name="Id">Its number in the store, ascending in order of storing.</param>
/// <param name="Kind">What the result is.</param>
/// <param name="Subject">The meter or household it is about, by real id.</param>
/// <param name="From">Start of the period it covers (inclusive).</param>
/// <param name="To">End of the period it covers (exclusive).</param>
/// <param name="PayloadJson">The result itself, as JSON text.</param>
/// <param name="Severity">One of <see cref="Alerts.AlertSeverities"/>.</param>
/// <param name="Source">The name of the key that posted it.</param>
/// <param name="ReceivedAt">When the cloud stored it (microsecond precision).</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.AnalyticsResult")]
public sealed record AnalyticsResult(
    [property: Id(0)] long Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] LiveTopic Subject,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset To,
    [property: Id(5)] string PayloadJson,
    [property: Id(6)] string Severity,
    [property: Id(7)] string Source,
    [property: Id(8)] DateTimeOffset ReceivedAt);
