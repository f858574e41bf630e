using System.Buffers;
using MeterGrains.Alerts;

namespace MeterGrains.Analytics;

/// <summary>What a processing result must look like, checked wherever one comes in (REST and gRPC).</summary>
public static class AnalyticsRules
{
    public const int MaxKindLength = 64;

    /// <summary>The largest payload accepted, in UTF-8 bytes of its JSON text.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>The severity of a result that names none.</summary>
    public const string DefaultSeverity = AlertSeverities.Info;

    public static readonly IReadOnlyList<string> Severities = [AlertSeverities.Info, AlertSeverities.Warning, AlertSeverities.Critical];

    private static readonly SearchValues<char> KindCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>The reason the fields of a result are refused, naming the field, or null when they are valid.</summary>
    public static string? Explain(string? kind, string? subject, DateTimeOffset? from, DateTimeOffset? to, string? severity)
    {
        if (string.IsNullOrEmpty(kind))
        {
            return "kind is required (for example anomaly, forecast or maintenance)";
        }

        if (kind.Length > MaxKindLength || kind.AsSpan().ContainsAnyExcept(KindCharacters))
        {
            return $"kind must be 1-{MaxKindLength} letters, digits and . _ - (is '{kind}')";
        }

        if (string.IsNullOrEmpty(subject))
        {
            return "subject is required: a meter or household (processing apps: its pseudonym)";
        }

        if (Meters.MeterIds.Explain(subject) is { } badSubject)
        {
            return badSubject.Replace("meterId", "subject", StringComparison.Ordinal);
        }

        if (from is null || to is null)
        {
            return "from and to are required: the period the result covers";
        }

        if (from >= to)
        {
            return $"from must be before to (from {from:O}, to {to:O})";
        }

        return severity is not null && !Severities.Contains(severity)
            ? $"severity must be one of {string.Join(", ", Severities)} (is '{severity}')"
            : null;
    }
}
