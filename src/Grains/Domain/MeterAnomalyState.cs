namespace MeterGrains.Domain;

/// <summary>
/// What the anomaly checks remember about one meter, part of its <see cref="MeterSnapshot"/>. Kept small on purpose: a
/// silo holds it for every active meter. A snapshot written before the checks existed has none: the checks start empty.
/// </summary>
public sealed class MeterAnomalyState
{
    /// <summary>The hourly power profile packed by <see cref="PowerProfile"/> (240 bytes); null before the first power reading.</summary>
    public byte[]? PowerProfile { get; set; }

    public AnomalyFlags Flags { get; set; }

    /// <summary>The first reading of the current run of dead-voltage readings; null while the voltage is live.</summary>
    public DateTimeOffset? PhaseLowSince { get; set; }

    /// <summary>The power integral (<see cref="MeterSnapshot.IntegratedImportWh"/>) when the import register last moved.</summary>
    public double? ImportMovedAtIntegralWh { get; set; }

    /// <summary>The power integral (<see cref="MeterSnapshot.IntegratedExportWh"/>) when the export register last moved.</summary>
    public double? ExportMovedAtIntegralWh { get; set; }
}
