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
        get => PresenceBits.Get(_present, Present.ImportRegisterAtStartWh, _importRegisterAtStartWh);
        set => PresenceBits.Set(ref _present, Present.ImportRegisterAtStartWh, ref _importRegisterAtStartWh, value);
    }

    public double? ImportRegisterAtEndWh
    {
        get => PresenceBits.Get(_present, Present.ImportRegisterAtEndWh, _importRegisterAtEndWh);
        set => PresenceBits.Set(ref _present, Present.ImportRegisterAtEndWh, ref _importRegisterAtEndWh, value);
    }

    public double? ExportRegisterAtStartWh
    {
        get => PresenceBits.Get(_present, Present.ExportRegisterAtStartWh, _exportRegisterAtStartWh);
        set => PresenceBits.Set(ref _present, Present.ExportRegisterAtStartWh, ref _exportRegisterAtStartWh, value);
    }

    public double? ExportRegisterAtEndWh
    {
        get => PresenceBits.Get(_present, Present.ExportRegisterAtEndWh, _exportRegisterAtEndWh);
        set => PresenceBits.Set(ref _present, Present.ExportRegisterAtEndWh, ref _exportRegisterAtEndWh, value);
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
    private static class Present
    {
        public const byte ImportRegisterAtStartWh = 1 << 0;

        public const byte ImportRegisterAtEndWh = 1 << 1;

        public const byte ExportRegisterAtStartWh = 1 << 2;

        public const byte ExportRegisterAtEndWh = 1 << 3;
    }

    private byte _present;
    private double _importRegisterAtStartWh;
    private double _importRegisterAtEndWh;
    private double _exportRegisterAtStartWh;
    private double _exportRegisterAtEndWh;
}
