using MeterGrains.Analytics.Series;

namespace MeterGrains.Imports.History;

/// <summary>A meter's stored hourly history and what it measures.</summary>
/// <param name="Quantity"><c>energyWh</c> (imported interval energy) or <c>netEnergyWh</c> (import − export of the meter's buckets).</param>
/// <param name="Hours">The hours, oldest first.</param>
public sealed record MeterHistory(string Quantity, HourlyValue[] Hours)
{
    /// <summary>Imported interval energy (CSV imports): energy drawn, never negative.</summary>
    public const string EnergyWh = "energyWh";

    /// <summary>Import − export of the meter's quarter-hour buckets.</summary>
    public const string NetEnergyWh = "netEnergyWh";
}
