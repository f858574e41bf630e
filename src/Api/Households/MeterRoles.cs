using MeterGrains.Households;

namespace MeterGrains.Api.Households;

/// <summary>The names of meter roles on the wire.</summary>
internal static class MeterRoles
{
    public static string ToName(MeterRole role) => role switch
    {
        MeterRole.Grid => "grid",
        MeterRole.Production => "production",
        _ => "consumption",
    };

    public static MeterRole? Parse(string? name) => name switch
    {
        "grid" => MeterRole.Grid,
        "production" => MeterRole.Production,
        "consumption" => MeterRole.Consumption,
        _ => null,
    };
}
