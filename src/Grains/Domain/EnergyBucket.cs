namespace MeterGrains.Domain;

/// <summary>
/// Energy of one meter over <c>[Start, End)</c>: a UTC quarter-hour, a UTC hour, or a local day
/// (<see cref="MeterEnergyView"/>). The fields are those of the <c>/energy</c> endpoint (interfaces.md).
/// </summary>
/// <param name="Start">First instant of the bucket (UTC).</param>
/// <param name="End">First instant after the bucket (UTC).</param>
/// <param name="ImportWh">Imported energy from the power integral, Wh.</param>
/// <param name="ExportWh">Exported energy from the power integral, Wh.</param>
/// <param name="RegisterImportWh">
/// Imported energy from the reset-corrected register, <c>R(End) − R(Start)</c>, Wh; null unless register readings
/// bracket the bucket.
/// </param>
/// <param name="RegisterExportWh">Exported energy from the register, likewise.</param>
/// <param name="Complete">
/// True when integrated power intervals cover every instant of the bucket. A bucket that a gap longer than
/// MaxGap overlaps, or that lies before the first or after the last power reading in part, is incomplete.
/// </param>
public sealed record EnergyBucket(
    DateTimeOffset Start,
    DateTimeOffset End,
    double ImportWh,
    double ExportWh,
    double? RegisterImportWh,
    double? RegisterExportWh,
    bool Complete);
