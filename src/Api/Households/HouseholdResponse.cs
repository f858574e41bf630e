using System.Text.Json.Serialization;
using MeterGrains.Households;

namespace MeterGrains.Api.Households;

/// <summary>
/// A household's metadata and live flow. The personal fields (<c>name</c>, <c>address</c>, <c>email</c>) are
/// for operators only: for anyone else they are left out of the JSON altogether.
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
    DateTimeOffset? UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Address = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email = null)
{
    public static HouseholdResponse From(HouseholdView view, bool includePersonal)
    {
        var d = view.Definition;
        var personal = includePersonal ? d.Personal : null;
        return new HouseholdResponse(
            view.HouseholdId, d.Type, d.Occupants, d.TimeZone, d.Tariff,
            [.. d.Meters.Select(m => new HouseholdMeterResponse(m.MeterId, MeterRoles.ToName(m.Role)))],
            view.Flow.GridImportW, view.Flow.GridExportW, view.Flow.ProductionW, view.Flow.ConsumptionW, view.Flow.UpdatedAt,
            personal?.Name, personal?.Address, personal?.Email);
    }
}

public sealed record HouseholdMeterResponse(string MeterId, string Role);
