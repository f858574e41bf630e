namespace MeterGrains.Gateways;

/// <summary>
/// The gateway registry (the "gateway master"): every gateway silo reports itself here on a heartbeat, so operators and
/// clients can discover where meters connect. One per cluster, key <c>0</c>.
/// </summary>
[Alias("MeterGrains.IGatewayRegistryGrain")]
public interface IGatewayRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers a gateway, or refreshes it.</summary>
    [Alias("HeartbeatAsync")]
    Task HeartbeatAsync(GatewayHeartbeat heartbeat);

    /// <summary>Removes a gateway that is shutting down.</summary>
    [Alias("UnregisterAsync")]
    Task UnregisterAsync(string gatewayId);

    /// <summary>The known gateways, online ones first, then by host.</summary>
    [Alias("GetAllAsync")]
    Task<IReadOnlyList<GatewayStatus>> GetAllAsync();
}
