namespace MeterGrains.Domain;

/// <summary>The plausibility bounds of domain.md that a reading must respect.</summary>
public sealed record ReadingLimits
{
    /// <summary>Largest plausible power, W (default 100 kW).</summary>
    public double MaxPowerW { get; init; } = 100_000;

    /// <summary>Largest plausible register value, Wh.</summary>
    public double MaxRegisterWh { get; init; } = 1e12;

    /// <summary>How far ahead of the receive time a timestamp may be.</summary>
    public TimeSpan MaxClockAhead { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a reading may be; older history comes in through the CSV import.</summary>
    public TimeSpan LateDataLimit { get; init; } = TimeSpan.FromDays(7);
}
