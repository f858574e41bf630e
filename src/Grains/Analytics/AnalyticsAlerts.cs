using System.Globalization;
using System.Text.Json;
using MeterGrains.Alerts;

namespace MeterGrains.Analytics;

/// <summary>How a processing result reaches dashboards: as an <see cref="Alert"/> about its subject.</summary>
public static class AnalyticsAlerts
{
    /// <summary>The longest message taken from a payload.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>
    /// The alert of a result: its kind, subject, severity, and ts when it was stored. The message is the payload's
    /// <c>message</c> when it has a string one, otherwise a sentence naming the kind, the source and the period.
    /// </summary>
    public static Alert From(AnalyticsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Alert(result.Kind, result.Subject.Id, result.Severity, Message(result), result.ReceivedAt);
    }

    private static string Message(AnalyticsResult result)
    {
        try
        {
            using var payload = JsonDocument.Parse(result.PayloadJson);
            if (payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                && message.GetString() is { Length: > 0 } text)
            {
                return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
            }
        }
        catch (JsonException)
        {
            // Payloads are checked when they come in; a bad one still gets the plain message.
        }

        return string.Create(CultureInfo.InvariantCulture, $"{result.Kind} from {result.Source} for {result.From:yyyy-MM-dd'T'HH:mm:ss'Z'} to {result.To:yyyy-MM-dd'T'HH:mm:ss'Z'}");
    }
}
