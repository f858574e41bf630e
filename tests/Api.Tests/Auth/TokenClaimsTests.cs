using System.Security.Claims;
using MeterGrains.Api.Auth;

namespace MeterGrains.Api.Tests.Auth;

/// <summary>A validly signed token is still refused when it lacks the claims the API decides by.</summary>
public sealed class TokenClaimsTests
{
    [Theory]
    [InlineData("alice", "resident", "h1", null)]
    [InlineData("ops", "operator", null, null)]
    [InlineData("app", "processor", null, null)]
    [InlineData("alice", "resident", null, "household_id")]
    [InlineData("alice", "admin", null, "'role'")]
    [InlineData("alice", null, null, "'role'")]
    [InlineData(null, "operator", null, "'sub'")]
    public void Role_subject_and_a_residents_household_are_required(string? sub, string? role, string? household, string? problem)
    {
        var claims = new List<Claim>();
        if (sub is not null)
        {
            claims.Add(new Claim("sub", sub));
        }

        if (role is not null)
        {
            claims.Add(new Claim(ApiClaims.Role, role));
        }

        if (household is not null)
        {
            claims.Add(new Claim(ApiClaims.HouseholdId, household));
        }

        var explanation = TokenClaims.Explain(new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer")));
        if (problem is null)
        {
            Assert.Null(explanation);
        }
        else
        {
            Assert.Contains(problem, explanation);
        }
    }

    [Fact]
    public void Two_roles_are_refused()
    {
        var identity = new ClaimsIdentity([new Claim("sub", "x"), new Claim(ApiClaims.Role, "resident"), new Claim(ApiClaims.Role, "operator")], "Bearer");
        Assert.NotNull(TokenClaims.Explain(new ClaimsPrincipal(identity)));
    }
}
