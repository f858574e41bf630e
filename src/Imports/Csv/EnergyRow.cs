namespace MeterGrains.Imports.Csv;

/// <summary>Energy of one interval of one (sub-)meter.</summary>
/// <param name="MeterId">The meter, or the sub-meter <c>&lt;meterId&gt;:&lt;channel&gt;</c>.</param>
/// <param name="Start">UTC start of the interval.</param>
/// <param name="EnergyWh">Energy in the interval, Wh.</param>
public readonly record struct EnergyRow(string MeterId, DateTimeOffset Start, double EnergyWh);
