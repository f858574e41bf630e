namespace MeterGrains.Imports.Csv;

/// <summary>The plausibility of each reading value (domain.md; the quality bounds the gateway's decoders use).</summary>
internal static class ReadingValueRule
{
    /// <summary>Why the value of column <paramref name="index"/> of <see cref="ReadingColumn.All"/> is refused, or null.</summary>
    public static string? Explain(int index, double value) => index switch
    {
        0 or 1 when value < 0 => "is negative (a power is split into import and export)",
        0 or 1 when value > CsvRowParser.MaxPowerW => $"is above the plausibility bound of {CsvRowParser.MaxPowerW} W",
        2 or 3 when value < 0 => "is negative",
        2 or 3 when value > CsvRowParser.MaxRegisterWh => "is above 10^12 Wh",
        4 when value is < 0 or > 1000 => "is outside 0-1000 V",
        5 when value is < 0 or > 2000 => "is outside 0-2000 A",
        6 when value is < -1 or > 1 => "is outside -1..1",
        7 when value is < 40 or > 70 => "is outside 40-70 Hz",
        _ => null,
    };
}
