namespace MeterGrains.Meters;

/// <summary>Energy of one meter over <c>[Start, End)</c>, as <c>GET /api/v1/meters/{meterId}/energy</c> serves it.</summary>
/// <param name="Start">First instant of the bucket (UTC).</param>
/// <param name="End">First instant after the bucket (UTC).</param>
/// <param name="ImportWh">Imported energy from the power integral, Wh.</param>
/// <param name="ExportWh">Exported energy from the power integral, Wh.</param>
/// <param name="RegisterImportWh">Imported energy from the reset-corrected register, Wh; null where unknown.</param>
/// <param name="RegisterExportWh">Exported energy from the register, Wh; null where unknown.</param>
/// <param name="Complete">True when integrated power covers every instant of the bucket.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.MeterEnergyBucket")]
public sealed record MeterEnergyBucket(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] double ImportWh,
    [property: Id(3)] double ExportWh,
    [property: Id(4)] double? RegisterImportWh,
    [property: Id(5)] double? RegisterExportWh,
    [property: Id(6)] bool Complete);
