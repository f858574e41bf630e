using MeterGrains.Gateway.Devices;

namespace MeterGrains.Gateway.Tests.Devices;

/// <summary>The topic ACL of interfaces.md, per family, as hand-written tables.</summary>
public sealed class DeviceGrantTests
{
    private static readonly DeviceGrant Generic = DeviceGrant.For("gw-1", DeviceFamily.Generic, ["m-a", "m-b"]);
    private static readonly DeviceGrant Gen1 = DeviceGrant.For("shellyem-A1", DeviceFamily.ShellyGen1, []);
    private static readonly DeviceGrant Gen2 = DeviceGrant.For("shellypro3em-b2", DeviceFamily.ShellyGen2, []);

    [Theory]
    [InlineData("meters/m-a/reading", true)]
    [InlineData("meters/m-b/reading", true)]
    [InlineData("meters/m-a/online", true)]
    [InlineData("meters/m-a", true)] // "meters/m-a/#" also matches its parent level
    [InlineData("meters/m-c/reading", false)] // a meter of someone else
    [InlineData("meters/m-a-x/reading", false)] // a prefix is not the meter
    [InlineData("meters/M-A/reading", false)] // topics are case-sensitive
    [InlineData("meters/+/reading", false)]
    [InlineData("shellies/gw-1/emeter/0/power", false)]
    [InlineData("gw-1/events/rpc", false)] // its device id is no topic prefix for a generic device
    [InlineData("m-a/reading", false)]
    public void Generic_device_publishes_only_for_its_meters(string topic, bool allowed) =>
        Assert.Equal(allowed, Generic.MayPublish(topic));

    [Theory]
    [InlineData("shellies/shellyem-A1/emeter/0/power", true)]
    [InlineData("shellies/shellyem-A1/emeter/1/total_returned", true)]
    [InlineData("shellies/shellyem-A1/online", true)]
    [InlineData("shellies/shellyem-A2/emeter/0/power", false)]
    [InlineData("shellies/shellyem-A/emeter/0/power", false)]
    [InlineData("shellies/announce", false)]
    [InlineData("shellyem-A1/events/rpc", false)]
    [InlineData("meters/shellyem-A1/reading", false)]
    public void Gen1_device_publishes_only_under_shellies_and_its_id(string topic, bool allowed) =>
        Assert.Equal(allowed, Gen1.MayPublish(topic));

    [Theory]
    [InlineData("shellypro3em-b2/events/rpc", true)]
    [InlineData("shellypro3em-b2/status/em:0", true)]
    [InlineData("shellypro3em-b2/online", true)]
    [InlineData("shellypro3em-b3/events/rpc", false)]
    [InlineData("shellies/shellypro3em-b2/emeter/0/power", false)]
    [InlineData("meters/shellypro3em-b2/reading", false)]
    public void Gen2_device_publishes_only_under_its_prefix(string topic, bool allowed) =>
        Assert.Equal(allowed, Gen2.MayPublish(topic));

    [Theory]
    [InlineData("meters/m-a/commands", true)]
    [InlineData("meters/m-b/commands", true)]
    [InlineData("meters/+/commands", false)] // would include other devices' meters
    [InlineData("meters/m-a/#", false)] // would include its own readings and anything else under the meter
    [InlineData("meters/m-a/reading", false)]
    [InlineData("meters/m-c/commands", false)]
    [InlineData("#", false)]
    [InlineData("$share/g/meters/m-a/commands", false)]
    public void Generic_device_subscribes_only_to_its_meters_commands(string filter, bool allowed) =>
        Assert.Equal(allowed, Generic.MaySubscribe(filter));

    [Theory]
    [InlineData("shellies/shellyem-A1/relay/0/command", true)]
    [InlineData("shellies/shellyem-A1/relay/+/command", true)]
    [InlineData("shellies/shellyem-A1/emeter/2/command", true)]
    [InlineData("shellies/shellyem-A1/command", true)]
    [InlineData("shellies/command", true)] // the fleet-wide announce/update topic
    [InlineData("shellies/shellyem-A1/#", false)]
    [InlineData("shellies/shellyem-A1/emeter/0/power", false)]
    [InlineData("shellies/+/relay/0/command", false)]
    [InlineData("shellies/shellyem-A2/relay/0/command", false)]
    [InlineData("shellies/#", false)]
    public void Gen1_device_subscribes_only_to_its_command_topics(string filter, bool allowed) =>
        Assert.Equal(allowed, Gen1.MaySubscribe(filter));

    [Theory]
    [InlineData("shellypro3em-b2/rpc", true)]
    [InlineData("shellypro3em-b2/events/rpc", false)]
    [InlineData("shellypro3em-b2/#", false)]
    [InlineData("+/rpc", false)]
    [InlineData("shellypro3em-b3/rpc", false)]
    public void Gen2_device_subscribes_only_to_its_rpc_topic(string filter, bool allowed) =>
        Assert.Equal(allowed, Gen2.MaySubscribe(filter));

    [Theory]
    [InlineData("m-a", true)]
    [InlineData("m-b", true)]
    [InlineData("m-c", false)]
    [InlineData("gw-1", false)]
    public void Generic_device_feeds_only_its_listed_meters(string meterId, bool allowed) =>
        Assert.Equal(allowed, Generic.MayFeed(meterId));

    [Theory]
    [InlineData("shellypro3em-b2", true)] // em:0 feeds the device id
    [InlineData("shellypro3em-b2:0", true)] // em1:0
    [InlineData("shellypro3em-b2:12", true)]
    [InlineData("shellypro3em-b", false)]
    [InlineData("shellypro3em-b23", false)]
    [InlineData("shellypro3em-b3:0", false)]
    public void Shelly_device_feeds_its_id_and_its_channels(string meterId, bool allowed) =>
        Assert.Equal(allowed, Gen2.MayFeed(meterId));

    [Theory]
    [InlineData("shellyem-A1", true)]
    [InlineData("shellyem-A1/second", true)]
    [InlineData("shellyem-A1/", false)]
    [InlineData("shellyem-A12", false)] // another device's id that starts with this one
    [InlineData("shellyem-A", false)]
    [InlineData("x/shellyem-A1", false)]
    public void A_device_owns_its_id_as_client_id_and_ids_under_it(string clientId, bool owned) =>
        Assert.Equal(owned, Gen1.OwnsClientId(clientId));
}
