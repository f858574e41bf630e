namespace MeterGrains.Meters;

/// <summary>
/// One reading of one meter: the UTC instant of measurement and at least one value.
/// Field names and units follow the OBIS terms of domain.md.
/// </summary>
/// <param name="Timestamp">UTC instant of measurement (device time, or the gateway's receive time).</param>
/// <param name="ImportPowerW">Instantaneous active power drawn from the grid (1.7.0), W.</param>
/// <param name="ExportPowerW">Instantaneous active power fed into the grid (2.7.0), W.</param>
/// <param name="ImportRegisterWh">Cumulative imported energy register (1.8.0), Wh.</param>
/// <param name="ExportRegisterWh">Cumulative exported energy register (2.8.0), Wh.</param>
/// <param name="VoltageV">Voltage (32.7.0), V.</param>
/// <param name="CurrentA">Current (31.7.0), A.</param>
/// <param name="PowerFactor">Power factor (13.7.0).</param>
/// <param name="FrequencyHz">Frequency (14.7.0), Hz.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.MeterReading")]
public sealed record MeterReading(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] double? ImportPowerW = null,
    [property: Id(2)] double? ExportPowerW = null,
    [property: Id(3)] double? ImportRegisterWh = null,
    [property: Id(4)] double? ExportRegisterWh = null,
    [property: Id(5)] double? VoltageV = null,
    [property: Id(6)] double? CurrentA = null,
    [property: Id(7)] double? PowerFactor = null,
    [property: Id(8)] double? FrequencyHz = null)
{
    /// <summary>True when the reading carries at least one power value and so takes part in integration.</summary>
    public bool HasPower => ImportPowerW is not null || ExportPowerW is not null;

    /// <summary>True when the reading carries at least one value of any kind.</summary>
    public bool HasAnyValue =>
        HasPower || ImportRegisterWh is not null || ExportRegisterWh is not null
        || VoltageV is not null || CurrentA is not null || PowerFactor is not null || FrequencyHz is not null;
}
