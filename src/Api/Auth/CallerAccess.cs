using System.Security.Claims;

namespace MeterGrains.Api.Auth;

/// <summary>What the caller may see (interfaces.md, roles; domain.md, privacy).</summary>
public static class CallerAccess
{
    public static bool IsOperator(this ClaimsPrincipal caller) => caller.IsInRole(ApiRoles.Operator);

    /// <summary>Operators see every household; a resident only their own.</summary>
    public static bool MaySeeHousehold(this ClaimsPrincipal caller, string? householdId) =>
        caller.IsOperator()
        || (householdId is not null && caller.IsInRole(ApiRoles.Resident) && caller.FindFirstValue(ApiClaims.HouseholdId) == householdId);
}
