using MeterGrains.Meters;

namespace MeterGrains.Households;

/// <summary>The household id rule: the meter id rule of domain.md (<see cref="MeterIds"/>), named <c>householdId</c> in reasons.</summary>
public static class HouseholdIds
{
    /// <summary>The reason a household id is refused, or null when it is valid.</summary>
    public static string? Explain(string? householdId) => MeterIds.Explain(householdId, "householdId");
}
