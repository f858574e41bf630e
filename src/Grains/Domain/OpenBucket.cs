namespace MeterGrains.Domain;

/// <summary>
/// A quarter-hour bucket that late readings may still change, as it persists in <see cref="MeterSnapshot"/>.
/// It keeps what is needed to correct it: covered time in ticks (exact, so completeness is an equality)
/// and the register values at its two edges.
/// </summary>
public sealed class OpenBucket
{
    public DateTimeOffset Start { get; set; }
    public double ImportWh { get; set; }
    public double ExportWh { get; set; }

    /// <summary>Ticks of the bucket covered by integrated power intervals.</summary>
    public long CoveredTicks { get; set; }

    /// <summary>Reset-corrected import register interpolated at <see cref="Start"/> and at the end, Wh.</summary>
    public double? ImportRegisterAtStartWh { get; set; }
    public double? ImportRegisterAtEndWh { get; set; }
    public double? ExportRegisterAtStartWh { get; set; }
    public double? ExportRegisterAtEndWh { get; set; }

    public EnergyBucket ToEnergyBucket() => new(
        Start,
        Start + QuarterHour.Length,
        ImportWh,
        ExportWh,
        ImportRegisterAtEndWh - ImportRegisterAtStartWh,
        ExportRegisterAtEndWh - ExportRegisterAtStartWh,
        CoveredTicks == QuarterHour.Length.Ticks);
}
