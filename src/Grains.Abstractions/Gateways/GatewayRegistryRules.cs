namespace MeterGrains.Gateways;

/// <summary>When the registry calls a gateway offline, and when it forgets it.</summary>
public static class GatewayRegistryRules
{
    /// <summary>A gateway that missed this many heartbeats in a row is offline.</summary>
    public const int MissedHeartbeatsBeforeOffline = 3;

    /// <summary>An offline gateway is listed this long, then forgotten.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);
}
