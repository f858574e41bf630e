namespace MeterGrains.Api.Auth;

/// <summary>Authorization policy names of the REST API.</summary>
public static class ApiPolicies
{
    /// <summary>Operators, and residents for their own household (checked per request by <see cref="CallerAccess"/>).</summary>
    public const string OperatorOrResident = "operator-or-resident";

    /// <summary>Operators only.</summary>
    public const string Operator = "operator";

    /// <summary>Every role: operators, processors (by pseudonym, see <see cref="CallerAccess.MayRead"/>) and residents (their household).</summary>
    public const string Reader = "reader";

    /// <summary>Operators and processing apps: analytics results.</summary>
    public const string OperatorOrProcessor = "operator-or-processor";
}
