namespace MeterGrains.Gateways;

/// <summary>
/// Keeps the gateways' last heartbeats in memory only: when this grain moves to another silo it starts empty and is
/// complete again after one heartbeat interval, because every gateway keeps reporting.
/// </summary>
public sealed class GatewayRegistryGrain(TimeProvider clock) : Grain, IGatewayRegistryGrain
{
    private readonly Dictionary<string, GatewayStatus> _gateways = new(StringComparer.Ordinal);

    public Task HeartbeatAsync(GatewayHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        _gateways[heartbeat.GatewayId] = new GatewayStatus(heartbeat, clock.GetUtcNow(), Online: true);
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GatewayStatus>> GetAllAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, status) in _gateways.ToList())
        {
            if (now - status.LastSeenAt > GatewayRegistryRules.ForgetAfter)
            {
                _gateways.Remove(id);
            }
        }

        IReadOnlyList<GatewayStatus> all =
        [
            .. _gateways.Values
                .Select(s => s with { Online = now - s.LastSeenAt < s.Heartbeat.HeartbeatInterval * GatewayRegistryRules.MissedHeartbeatsBeforeOffline })
                .OrderByDescending(s => s.Online)
                .ThenBy(s => s.Heartbeat.Host, StringComparer.Ordinal)
                .ThenBy(s => s.Heartbeat.GatewayId, StringComparer.Ordinal),
        ];
        return Task.FromResult(all);
    }
}
