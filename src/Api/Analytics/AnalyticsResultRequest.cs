using System.Text.Json;

namespace MeterGrains.Api.Analytics;

/// <summary>
/// The body of <c>POST /api/v1/analytics/results</c> (interfaces.md): <c>kind</c>, <c>subject</c> (a meter or household
/// id, or its pseudonym; processing apps always name pseudonyms), <c>from</c> and <c>to</c> (ISO-8601 instants with an
/// offset), <c>payload</c> (any JSON) and <c>severity</c> (<c>info</c> unless given).
/// </summary>
public sealed record AnalyticsResultRequest(
    string? Kind,
    string? Subject,
    string? From,
    string? To,
    JsonElement? Payload,
    string? Severity);
