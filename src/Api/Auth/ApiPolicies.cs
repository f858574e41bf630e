namespace MeterGrains.Api.Auth;

/// <summary>Authorization policy names of the REST API.</summary>
public static class ApiPolicies
{
    /// <summary>Operators, and residents for their own household (checked per request by <see cref="CallerAccess"/>).</summary>
    public const string OperatorOrResident = "operator-or-resident";

    /// <summary>Operators only.</summary>
    public const string Operator = "operator";
}
