namespace MeterGrains.Domain;

/// <summary>The per-meter rules that the domain math needs.</summary>
public sealed record MeterRules
{
    /// <summary>The longest interval between two readings that is still integrated.</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>A meter is online while its last reading is younger than this.</summary>
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How far behind the latest reading a late reading is still inserted where it belongs; older ones are
    /// flagged late and leave the integrals unchanged.
    /// </summary>
    public TimeSpan ReorderWindow { get; init; } = TimeSpan.FromMinutes(15);

    public ReadingLimits Limits { get; init; } = new();
}
