namespace MeterGrains.Api.Auth;

/// <summary>Claim types the API reads (the same names a resident's JWT carries).</summary>
public static class ApiClaims
{
    public const string Role = "role";
    public const string HouseholdId = "household_id";
    public const string Name = "name";

    /// <summary>A token's subject: who the caller is, for audit and rate limits.</summary>
    public const string Subject = "sub";
}
