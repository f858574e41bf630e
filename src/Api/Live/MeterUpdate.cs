using MeterGrains.Meters;

namespace MeterGrains.Api.Live;

/// <summary>The <c>meterUpdated</c> message: the live state of <c>GET /api/v1/meters/{meterId}</c> and when it was sent.</summary>
public sealed record MeterUpdate(
    string MeterId,
    string? HouseholdId,
    DateTimeOffset? LastReadingAt,
    bool Online,
    double? ImportPowerW,
    double? ExportPowerW,
    double? ImportRegisterWh,
    double? ExportRegisterWh,
    double IntegratedImportWh,
    double IntegratedExportWh,
    double? RegisterImportWh,
    double? RegisterExportWh,
    long ReadingsAccepted,
    long ReadingsRejected,
    long Gaps,
    double GapSeconds,
    DateTimeOffset Ts)
{
    public static MeterUpdate From(MeterLiveState s, DateTimeOffset ts) => new(
        s.MeterId, s.HouseholdId, s.LastReadingAt, s.Online, s.ImportPowerW, s.ExportPowerW,
        s.ImportRegisterWh, s.ExportRegisterWh, s.IntegratedImportWh, s.IntegratedExportWh,
        s.RegisterImportWh, s.RegisterExportWh, s.ReadingsAccepted, s.ReadingsRejected, s.Gaps, s.GapSeconds, ts);
}
