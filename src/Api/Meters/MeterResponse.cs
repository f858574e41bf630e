using MeterGrains.Meters;

namespace MeterGrains.Api.Meters;

/// <summary>The live state of a meter, as <c>GET /api/v1/meters/{meterId}</c> returns it (interfaces.md).</summary>
public record MeterResponse(
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
    double GapSeconds)
{
    protected MeterResponse(MeterLiveState s)
        : this(
            s.MeterId, s.HouseholdId, s.LastReadingAt, s.Online, s.ImportPowerW, s.ExportPowerW,
            s.ImportRegisterWh, s.ExportRegisterWh, s.IntegratedImportWh, s.IntegratedExportWh,
            s.RegisterImportWh, s.RegisterExportWh, s.ReadingsAccepted, s.ReadingsRejected, s.Gaps, s.GapSeconds)
    {
    }

    public static MeterResponse From(MeterLiveState s) => new(s);
}
