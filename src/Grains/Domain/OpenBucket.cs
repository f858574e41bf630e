namespace MeterGrains.Domain;

/// <summary>
/// A quarter-hour bucket that late readings may still change, as it persists in <see cref="MeterSnapshot"/>.
/// It keeps what is needed to correct it: covered time in ticks (exact, so completeness is an equality)
/// and the register values at its two edges.
/// </summary>
/// <remarks>
/// The optional register values are plain doubles with presence bits (a <c>double?</c> takes 8 bytes more), as
/// in <see cref="MeterSnapshot"/>: every active meter holds two or three of these. The JSON is that of the properties.
/// </remarks>
public sealed class OpenBucket
{
    public DateTimeOffset Start { get; set; }
    public double ImportWh { get; set; }
    public double ExportWh { get; set; }

    /// <summary>Ticks of the bucket covered by integrated power intervals.</summary>
    public long CoveredTicks { get; set; }

    /// <summary>Reset-corrected import register interpolated at <see cref="Start"/> and at the end, Wh.</summary>
    public double? ImportRegisterAtStartWh
    {
        get => (_present & Present.ImportRegisterAtStartWh) != 0 ? _importRegisterAtStartWh : null;
        set => Set(ref _importRegisterAtStartWh, Present.ImportRegisterAtStartWh, value);
    }

    public double? ImportRegisterAtEndWh
    {
        get => (_present & Present.ImportRegisterAtEndWh) != 0 ? _importRegisterAtEndWh : null;
        set => Set(ref _importRegisterAtEndWh, Present.ImportRegisterAtEndWh, value);
    }

    public double? ExportRegisterAtStartWh
    {
        get => (_present & Present.ExportRegisterAtStartWh) != 0 ? _exportRegisterAtStartWh : null;
        set => Set(ref _exportRegisterAtStartWh, Present.ExportRegisterAtStartWh, value);
    }

    public double? ExportRegisterAtEndWh
    {
        get => (_present & Present.ExportRegisterAtEndWh) != 0 ? _exportRegisterAtEndWh : null;
        set => Set(ref _exportRegisterAtEndWh, Present.ExportRegisterAtEndWh, value);
    }

    public EnergyBucket ToEnergyBucket() => new(
        Start,
        Start + QuarterHour.Length,
        ImportWh,
        ExportWh,
        ImportRegisterAtEndWh - ImportRegisterAtStartWh,
        ExportRegisterAtEndWh - ExportRegisterAtStartWh,
        CoveredTicks == QuarterHour.Length.Ticks);

    /// <summary>Which of the optional register values are set.</summary>
    [Flags]
    private enum Present : byte
    {
        None = 0,
        ImportRegisterAtStartWh = 1 << 0,
        ImportRegisterAtEndWh = 1 << 1,
        ExportRegisterAtStartWh = 1 << 2,
        ExportRegisterAtEndWh = 1 << 3,
    }

    private Present _present;
    private double _importRegisterAtStartWh;
    private double _importRegisterAtEndWh;
    private double _exportRegisterAtStartWh;
    private double _exportRegisterAtEndWh;

    private void Set(ref double field, Present bit, double? value)
    {
        field = value ?? 0;
        _present = value is null ? _present & ~bit : _present | bit;
    }
}
