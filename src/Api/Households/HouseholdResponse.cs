using MeterGrains.Households;

namespace MeterGrains.Api.Households;

/// <summary>
/// A household's metadata and live flow. Personal fields are left out: they are for operators only,
/// and are served once the API knows who its caller is.
/// </summary>
public sealed record HouseholdResponse(
    string HouseholdId,
    string Type,
    int Occupants,
    string TimeZone,
    string? Tariff,
    IReadOnlyList<HouseholdMeterResponse> Meters,
    double GridImportW,
    double GridExportW,
    double ProductionW,
    double ConsumptionW,
    DateTimeOffset? UpdatedAt)
{
    public static HouseholdResponse From(HouseholdView view)
    {
        var d = view.Definition;
        return new HouseholdResponse(
            view.HouseholdId, d.Type, d.Occupants, d.TimeZone, d.Tariff,
            [.. d.Meters.Select(m => new HouseholdMeterResponse(m.MeterId, MeterRoles.ToName(m.Role)))],
            view.Flow.GridImportW, view.Flow.GridExportW, view.Flow.ProductionW, view.Flow.ConsumptionW, view.Flow.UpdatedAt);
    }
}

public sealed record HouseholdMeterResponse(string MeterId, string Role);
