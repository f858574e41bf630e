namespace MeterGrains.Api.Auth;

/// <summary>The roles of interfaces.md: who may do what.</summary>
public static class ApiRoles
{
    /// <summary>Everything, personal fields included.</summary>
    public const string Operator = "operator";

    /// <summary>Processing apps: pseudonymized reads, analytics writes.</summary>
    public const string Processor = "processor";

    /// <summary>A resident: their own household and its meters.</summary>
    public const string Resident = "resident";

    public static readonly IReadOnlyList<string> All = [Operator, Processor, Resident];
}
