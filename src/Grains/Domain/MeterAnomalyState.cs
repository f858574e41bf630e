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
        get => (_present & Present.PhaseLowSince) != 0 ? _phaseLowSince : null;
        set => Set(ref _phaseLowSince, Present.PhaseLowSince, value);
    }

    /// <summary>The power integral (<see cref="MeterSnapshot.IntegratedImportWh"/>) when the import register last moved.</summary>
    public double? ImportMovedAtIntegralWh
    {
        get => (_present & Present.ImportMovedAtIntegralWh) != 0 ? _importMovedAtIntegralWh : null;
        set => Set(ref _importMovedAtIntegralWh, Present.ImportMovedAtIntegralWh, value);
    }

    /// <summary>The power integral (<see cref="MeterSnapshot.IntegratedExportWh"/>) when the export register last moved.</summary>
    public double? ExportMovedAtIntegralWh
    {
        get => (_present & Present.ExportMovedAtIntegralWh) != 0 ? _exportMovedAtIntegralWh : null;
        set => Set(ref _exportMovedAtIntegralWh, Present.ExportMovedAtIntegralWh, value);
    }

    /// <summary>Which of the optional values are set.</summary>
    [Flags]
    private enum Present : byte
    {
        None = 0,
        PhaseLowSince = 1 << 0,
        ImportMovedAtIntegralWh = 1 << 1,
        ExportMovedAtIntegralWh = 1 << 2,
    }

    private Present _present;
    private DateTimeOffset _phaseLowSince;
    private double _importMovedAtIntegralWh;
    private double _exportMovedAtIntegralWh;

    private void Set<T>(ref T field, Present bit, T? value)
        where T : struct
    {
        field = value ?? default;
        _present = value is null ? _present & ~bit : _present | bit;
    }
}
