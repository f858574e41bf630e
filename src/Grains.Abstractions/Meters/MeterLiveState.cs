namespace MeterGrains.Meters;

/// <summary>
/// The live state of a meter as served by <c>GET /api/v1/meters/{meterId}</c> (interfaces.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.MeterLiveState")]
public sealed record MeterLiveState(
    [property: Id(0)] string MeterId,
    [property: Id(1)] string? HouseholdId,
    [property: Id(2)] DateTimeOffset? LastReadingAt,
    [property: Id(3)] bool Online,
    [property: Id(4)] double? ImportPowerW,
    [property: Id(5)] double? ExportPowerW,
    [property: Id(6)] double? ImportRegisterWh,
    [property: Id(7)] double? ExportRegisterWh,
    [property: Id(8)] double IntegratedImportWh,
    [property: Id(9)] double IntegratedExportWh,
    [property: Id(10)] double? RegisterImportWh,
    [property: Id(11)] double? RegisterExportWh,
    [property: Id(12)] long ReadingsAccepted,
    [property: Id(13)] long ReadingsRejected,
    [property: Id(14)] long Gaps,
    [property: Id(15)] double GapSeconds)
{
    /// <summary>True once the meter has accepted any reading; an unknown meter has none.</summary>
    public bool Exists => ReadingsAccepted > 0 || ReadingsRejected > 0;
}
