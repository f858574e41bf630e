using MeterGrains.Households;

namespace MeterGrains.Api.Live;

/// <summary>
/// The <c>householdUpdated</c> message: the household's live flow (as in <c>GET /api/v1/households/{householdId}</c>),
/// <c>updatedAt</c> of its newest meter reading and <c>ts</c> when it was sent.
/// </summary>
public sealed record HouseholdUpdate(
    string HouseholdId,
    double GridImportW,
    double GridExportW,
    double ProductionW,
    double ConsumptionW,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset Ts)
{
    public static HouseholdUpdate From(string householdId, HouseholdFlow flow, DateTimeOffset ts) => new(
        householdId, flow.GridImportW, flow.GridExportW, flow.ProductionW, flow.ConsumptionW, flow.UpdatedAt, ts);
}
