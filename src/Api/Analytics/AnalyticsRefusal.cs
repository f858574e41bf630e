namespace MeterGrains.Api.Analytics;

/// <summary>Why a result was not stored.</summary>
public enum AnalyticsRefusal
{
    /// <summary>It was stored.</summary>
    None,

    /// <summary>A field is missing or malformed (400, InvalidArgument).</summary>
    Invalid,

    /// <summary>The payload is over <see cref="MeterGrains.Analytics.AnalyticsRules.MaxPayloadBytes"/> (413, InvalidArgument).</summary>
    TooLarge,

    /// <summary>The subject is no meter that sent readings and no defined household, or a pseudonym never issued (404, NotFound).</summary>
    UnknownSubject,
}
