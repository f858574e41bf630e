using MeterGrains.Gateways;

namespace MeterGrains.Api.Gateways;

/// <summary>One gateway as <c>GET /api/v1/gateways</c> lists it.</summary>
public sealed record GatewayResponse(
    string GatewayId,
    string Host,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<string> Topics,
    bool Online,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    long MessagesReceived,
    long ReadingsAccepted)
{
    public static GatewayResponse From(GatewayStatus status)
    {
        var h = status.Heartbeat;
        return new GatewayResponse(h.GatewayId, h.Host, h.Endpoints, h.Topics, status.Online, h.StartedAt, status.LastSeenAt, h.MessagesReceived, h.ReadingsAccepted);
    }
}
