using System.Text.Json;
using MeterGrains.Gateway.Commands;
using MeterGrains.Gateway.Devices;

namespace MeterGrains.Gateway.Tests.Commands;

/// <summary>Expected topics and payloads written out from shelly.md and interfaces.md, not produced by the formatter.</summary>
public sealed class CommandFormatterTests
{
    [Theory]
    [InlineData(0, true, "shellies/shellyem-A1/relay/0/command", "on")]
    [InlineData(1, false, "shellies/shellyem-A1/relay/1/command", "off")]
    public void Gen1_switches_the_relay_topic_with_on_or_off(int channel, bool on, string topic, string payload)
    {
        var message = CommandFormatter.Format(DeviceFamily.ShellyGen1, "shellyem-A1", "shellyem-A1:0", "c1", 7, new RelayCommand(channel, on));

        Assert.Equal(topic, message.Topic);
        Assert.Equal(payload, message.Payload);
    }

    [Fact]
    public void Gen2_sends_a_switch_set_request_whose_reply_comes_back_under_the_device_prefix()
    {
        var message = CommandFormatter.Format(DeviceFamily.ShellyGen2, "shellyproem50-b2", "shellyproem50-b2:1", "c1", 42, new RelayCommand(0, true));

        Assert.Equal("shellyproem50-b2/rpc", message.Topic);
        using var payload = JsonDocument.Parse(message.Payload);
        var root = payload.RootElement;
        Assert.Equal(42, root.GetProperty("id").GetInt64());
        Assert.Equal("shellyproem50-b2/metergrains", root.GetProperty("src").GetString());
        Assert.Equal("Switch.Set", root.GetProperty("method").GetString());
        Assert.Equal(0, root.GetProperty("params").GetProperty("id").GetInt32());
        Assert.True(root.GetProperty("params").GetProperty("on").GetBoolean());
    }

    [Fact]
    public void Generic_publishes_the_command_with_its_id_on_the_meter_topic()
    {
        var message = CommandFormatter.Format(DeviceFamily.Generic, "gw-1", "m-7", "abc123", 42, new RelayCommand(2, false));

        Assert.Equal("meters/m-7/commands", message.Topic);
        using var payload = JsonDocument.Parse(message.Payload);
        var root = payload.RootElement;
        Assert.Equal("abc123", root.GetProperty("id").GetString());
        Assert.Equal("relay", root.GetProperty("name").GetString());
        Assert.Equal(2, root.GetProperty("args").GetProperty("channel").GetInt32());
        Assert.False(root.GetProperty("args").GetProperty("on").GetBoolean());
    }
}
