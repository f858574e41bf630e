using System.Security.Claims;

namespace MeterGrains.Api.Auth;

/// <summary>The claims a bearer token must carry for the API to decide by them: one known role, a subject, and a resident's household.</summary>
public static class TokenClaims
{
    /// <summary>Why a validly signed token still cannot be used, or null: the claims the API relies on.</summary>
    public static string? Explain(ClaimsPrincipal principal)
    {
        var roles = principal.FindAll(ApiClaims.Role).Select(c => c.Value).ToList();
        if (roles.Count != 1 || !ApiRoles.All.Contains(roles[0]))
        {
            return $"The token must carry one '{ApiClaims.Role}' claim: {string.Join(", ", ApiRoles.All)}.";
        }

        if (string.IsNullOrEmpty(principal.FindFirstValue(ApiClaims.Subject)))
        {
            return $"The token must carry a '{ApiClaims.Subject}' claim.";
        }

        return roles[0] == ApiRoles.Resident && string.IsNullOrEmpty(principal.FindFirstValue(ApiClaims.HouseholdId))
            ? $"A resident's token must carry a '{ApiClaims.HouseholdId}' claim."
            : null;
    }
}
