namespace MeterGrains.Api.Forecasts;

/// <summary>
/// The query of the forecast endpoints (meters and households): <c>interval=1h</c> (default) or <c>1d</c>, and
/// <c>tz</c>, the IANA zone of local days and of the daily rhythm (default: the household's zone, else UTC).
/// </summary>
internal static class ForecastQuery
{
    public const string Hourly = "1h";
    public const string Daily = "1d";

    /// <summary>Why the query is bad, or null when it is good.</summary>
    public static string? Explain(string? interval, string? tz) =>
        interval is not (null or Hourly or Daily) ? $"interval must be {Hourly} or {Daily}"
        : tz is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _) ? $"tz '{tz}' is not a known IANA time zone (for example Europe/Brussels)"
        : null;
}
