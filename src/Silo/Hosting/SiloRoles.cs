namespace MeterGrains.Silo.Hosting;

/// <summary>
/// The roles one silo process plays, from configuration key <c>Roles</c> (comma-separated;
/// default every role): <c>grains</c> hosts meter and household grains, <c>gateway</c> meets
/// meters over MQTT, <c>api</c> serves REST, gRPC, SignalR and the dashboard.
/// </summary>
public sealed record SiloRoles(bool Grains, bool Gateway, bool Api)
{
    public const string ConfigurationKey = "Roles";

    public static SiloRoles All { get; } = new(true, true, true);

    /// <summary>Parses the role list; an unknown or empty list fails naming the key.</summary>
    public static SiloRoles Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return All;
        }

        bool grains = false, gateway = false, api = false;
        foreach (var role in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (role.ToLowerInvariant())
            {
                case "grains": grains = true; break;
                case "gateway": gateway = true; break;
                case "api": api = true; break;
                case "all": return All;
                default:
                    throw new InvalidOperationException(
                        $"Configuration key '{ConfigurationKey}' has an unknown role '{role}'; the roles are grains, gateway, api (or all).");
            }
        }

        return new SiloRoles(grains, gateway, api);
    }

    public override string ToString() =>
        string.Join(',', new[] { Grains ? "grains" : null, Gateway ? "gateway" : null, Api ? "api" : null }.OfType<string>());
}
