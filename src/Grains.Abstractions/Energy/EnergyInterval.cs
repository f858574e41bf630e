namespace MeterGrains.Energy;

/// <summary>The bucket sizes of the <c>/energy</c> endpoints (interfaces.md): <c>15m</c>, <c>1h</c>, <c>1d</c>.</summary>
[GenerateSerializer, Alias("MeterGrains.EnergyInterval")]
public enum EnergyInterval
{
    /// <summary>Quarter-hours aligned to UTC (:00, :15, :30, :45).</summary>
    QuarterHour = 0,

    /// <summary>UTC hours.</summary>
    Hour = 1,

    /// <summary>Days from one local midnight to the next in an IANA time zone (23, 24 or 25 hours).</summary>
    Day = 2,
}
