namespace MeterGrains.Domain;

/// <summary>
/// What the anomaly checks remember about one meter, part of its <see cref="MeterSnapshot"/>. Kept small on purpose: a
/// silo holds it for every active meter. A snapshot written before the checks existed has none: the checks start empty.
/// The optional values are plain fields with presence bits, as in <see cref="MeterSnapshot"/> (same JSON).
/// </summary>
public sealed class MeterAnomalyState
{
    /// <summary>The hourly power profile packed by <see cref="PowerProfile"/> (240 bytes); null before the first power reading.</summary>
    public byte[]? PowerProfile { get; set; }

    public AnomalyFlags Flags { get; set; }

    /// <summary>The first reading of the current run of dead-voltage readings; null while the voltage is live.</summary>
    public DateTimeOffset? PhaseLowSince
    {
        get => PresenceBits.Get(_present, Present.PhaseLowSince, _phaseLowSince);
        set => PresenceBits.Set(ref _present, Present.PhaseLowSince, ref _phaseLowSince, value);
    }

    /// <summary>The power integral (<see cref="MeterSnapshot.IntegratedImportWh"/>) when the import register last moved.</summary>
    public double? ImportMovedAtIntegralWh
    {
        get => PresenceBits.Get(_present, Present.ImportMovedAtIntegralWh, _importMovedAtIntegralWh);
        set => PresenceBits.Set(ref _present, Present.ImportMovedAtIntegralWh, ref _importMovedAtIntegralWh, value);
    }

    /// <summary>The power integral (<see cref="MeterSnapshot.IntegratedExportWh"/>) when the export register last moved.</summary>
    public double? ExportMovedAtIntegralWh
    {
        get => PresenceBits.Get(_present, Present.ExportMovedAtIntegralWh, _exportMovedAtIntegralWh);
        set => PresenceBits.Set(ref _present, Present.ExportMovedAtIntegralWh, ref _exportMovedAtIntegralWh, value);
    }

    /// <summary>Which of the optional values are set.</summary>
    private static class Present
    {
        public const byte PhaseLowSince = 1 << 0;

        public const byte ImportMovedAtIntegralWh = 1 << 1;

        public const byte ExportMovedAtIntegralWh = 1 << 2;
    }

    private byte _present;
    private DateTimeOffset _phaseLowSince;
    private double _importMovedAtIntegralWh;
    private double _exportMovedAtIntegralWh;
}
