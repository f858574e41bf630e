using MeterGrains.Gateway.Commands;

namespace MeterGrains.Gateway.Tests.Commands;

public sealed class ConnectedDevicesTests
{
    [Theory]
    [InlineData("shellyem-A1", null, "shellyem-A1")]
    [InlineData("gw-17/backup", null, "gw-17")]
    [InlineData("anything", "gw-17", "gw-17")]
    public void A_client_stands_for_its_authenticated_device_else_for_its_client_id_up_to_the_first_slash(string clientId, string? authenticated, string device)
    {
        Assert.Equal(device, ConnectedDevices.DeviceOf(clientId, authenticated));
    }

    [Fact]
    public void A_device_stays_reachable_until_its_last_client_is_gone()
    {
        var devices = new ConnectedDevices();
        Assert.False(devices.IsConnected("gw-17"));

        devices.Subscribed("gw-17", "gw-17");
        devices.Subscribed("gw-17/backup", "gw-17");
        devices.Subscribed("gw-17", "gw-17"); // a second subscription of the same client counts once

        devices.Disconnected("gw-17");
        Assert.True(devices.IsConnected("gw-17"));
        devices.Disconnected("gw-17/backup");
        Assert.False(devices.IsConnected("gw-17"));
    }

    [Fact]
    public void A_taken_over_session_leaves_the_device_counted_once()
    {
        var devices = new ConnectedDevices();
        devices.Subscribed("shellyem-A1", "shellyem-A1");

        // The broker reports the old connection gone, then the new one subscribes under the same client id.
        devices.Disconnected("shellyem-A1");
        devices.Subscribed("shellyem-A1", "shellyem-A1");
        Assert.True(devices.IsConnected("shellyem-A1"));

        devices.Disconnected("shellyem-A1");
        Assert.False(devices.IsConnected("shellyem-A1"));
    }
}
