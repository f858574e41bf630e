using MeterGrains.Energy;

namespace MeterGrains.Api.Energy;

/// <summary>The names of energy intervals on the wire: <c>15m</c>, <c>1h</c>, <c>1d</c>.</summary>
internal static class EnergyIntervalNames
{
    public static string ToName(EnergyInterval interval) => interval switch
    {
        EnergyInterval.QuarterHour => "15m",
        EnergyInterval.Hour => "1h",
        _ => "1d",
    };

    public static EnergyInterval? Parse(string? name) => name switch
    {
        "15m" => EnergyInterval.QuarterHour,
        "1h" => EnergyInterval.Hour,
        "1d" => EnergyInterval.Day,
        _ => null,
    };
}
