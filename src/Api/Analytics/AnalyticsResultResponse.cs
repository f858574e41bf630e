using System.Text.Json;
using MeterGrains.Analytics;
using MeterGrains.Live;

namespace MeterGrains.Api.Analytics;

/// <summary>
/// A stored processing result as the API shows it: <c>subject</c> is the real id for operators and the pseudonym for
/// processing apps; <c>subjectKind</c> is <c>meter</c> or <c>household</c>; <c>source</c> names the key that posted it.
/// </summary>
public sealed record AnalyticsResultResponse(
    long Id,
    string Kind,
    string Subject,
    string SubjectKind,
    DateTimeOffset From,
    DateTimeOffset To,
    JsonElement Payload,
    string Severity,
    string Source,
    DateTimeOffset ReceivedAt)
{
    public static AnalyticsResultResponse Create(AnalyticsResult result, string shownSubject) => new(
        result.Id,
        result.Kind,
        shownSubject,
        result.Subject.Kind == LiveTopicKind.Meter ? "meter" : "household",
        result.From,
        result.To,
        JsonSerializer.Deserialize<JsonElement>(result.PayloadJson),
        result.Severity,
        result.Source,
        result.ReceivedAt);
}
