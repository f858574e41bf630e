using System.Security.Claims;

namespace MeterGrains.Api.Auth;

/// <summary>What the caller may see (interfaces.md, roles; domain.md, privacy).</summary>
public static class CallerAccess
{
    public static bool IsOperator(this ClaimsPrincipal caller) => caller.IsInRole(ApiRoles.Operator);

    /// <summary>A processing app: it reads every meter and household, by pseudonym and without personal fields.</summary>
    public static bool IsProcessor(this ClaimsPrincipal caller) => caller.IsInRole(ApiRoles.Processor);

    /// <summary>Operators see every household; a resident only their own.</summary>
    public static bool MaySeeHousehold(this ClaimsPrincipal caller, string? householdId) =>
        caller.IsOperator()
        || (householdId is not null && caller.IsInRole(ApiRoles.Resident) && caller.FindFirstValue(ApiClaims.HouseholdId) == householdId);

    /// <summary>
    /// Whether the caller may read a household or one of its meters over REST or gRPC: as <see cref="MaySeeHousehold"/>,
    /// and processors every one (they are shown pseudonyms, see <c>Pseudonyms</c>). The live hub stays with
    /// <see cref="MaySeeHousehold"/>: it pushes real ids.
    /// </summary>
    public static bool MayRead(this ClaimsPrincipal caller, string? householdId) => caller.IsProcessor() || caller.MaySeeHousehold(householdId);
}
