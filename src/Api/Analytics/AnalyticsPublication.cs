namespace MeterGrains.Api.Analytics;

/// <summary>The stored result as the caller sees it, or why it was refused with a reason naming the field.</summary>
public sealed record AnalyticsPublication(AnalyticsResultResponse? Result, AnalyticsRefusal Refusal, string? Problem)
{
    public static AnalyticsPublication Stored(AnalyticsResultResponse result) => new(result, AnalyticsRefusal.None, null);

    public static AnalyticsPublication Refused(AnalyticsRefusal refusal, string problem) => new(null, refusal, problem);
}
