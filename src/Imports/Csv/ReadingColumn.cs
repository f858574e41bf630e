namespace MeterGrains.Imports.Csv;

/// <summary>A value column of the readings shape: its domain.md name and unit.</summary>
public sealed record ReadingColumn(string Name, string Unit, bool IsRegister)
{
    /// <summary>In the order of <see cref="MeterGrains.Meters.MeterReading"/>'s values.</summary>
    public static readonly IReadOnlyList<ReadingColumn> All =
    [
        new("importPowerW", "W", false),
        new("exportPowerW", "W", false),
        new("importRegisterWh", "Wh", true),
        new("exportRegisterWh", "Wh", true),
        new("voltageV", "V", false),
        new("currentA", "A", false),
        new("powerFactor", "1", false),
        new("frequencyHz", "Hz", false),
    ];
}
