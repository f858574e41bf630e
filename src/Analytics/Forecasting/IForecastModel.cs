namespace MeterGrains.Analytics.Forecasting;

/// <summary>A forecast method fitted to one channel's history.</summary>
public interface IForecastModel
{
    /// <summary>The method's name as the API shows it.</summary>
    string Method { get; }

    /// <summary>The forecast of the hour starting at <paramref name="start"/> (UTC).</summary>
    ForecastPoint Hour(DateTimeOffset start);

    /// <summary>The forecast of a local day <c>[start, end)</c> whose hours were forecast as <paramref name="hours"/>.</summary>
    ForecastPoint Day(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<ForecastPoint> hours);
}
