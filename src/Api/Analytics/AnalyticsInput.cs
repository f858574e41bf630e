namespace MeterGrains.Api.Analytics;

/// <summary>A result as a caller sent it over REST or gRPC, before it is checked. <c>PayloadJson</c> is null when absent.</summary>
public sealed record AnalyticsInput(
    string? Kind,
    string? Subject,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? PayloadJson,
    string? Severity);
