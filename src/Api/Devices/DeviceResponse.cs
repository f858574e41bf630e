using MeterGrains.Gateway.Devices;

namespace MeterGrains.Api.Devices;

/// <summary>A registered device, never with its secret.</summary>
/// <param name="DeviceId">The device id (its MQTT user name).</param>
/// <param name="Family"><c>generic</c>, <c>shelly-gen1</c> or <c>shelly-gen2</c>.</param>
/// <param name="Meters">The meters a generic device may publish for; empty for Shelly devices.</param>
/// <param name="PublishTopics">The topic filters it may publish to.</param>
/// <param name="SubscribeTopics">The command topic filters it may subscribe to.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="CredentialsIssuedAt">When its current password was issued.</param>
public sealed record DeviceResponse(
    string DeviceId,
    string Family,
    IReadOnlyList<string> Meters,
    IReadOnlyList<string> PublishTopics,
    IReadOnlyList<string> SubscribeTopics,
    DateTimeOffset CreatedAt,
    DateTimeOffset CredentialsIssuedAt)
{
    public static DeviceResponse From(RegisteredDevice device)
    {
        var grant = device.ToGrant();
        return new DeviceResponse(
            device.DeviceId, DeviceFamilyNames.ToName(device.Family), device.Meters,
            grant.PublishFilters, grant.SubscribeFilters, device.CreatedAt, device.CredentialsIssuedAt);
    }
}
