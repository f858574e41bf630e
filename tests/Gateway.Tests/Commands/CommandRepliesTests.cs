using System.Buffers;
using System.Text;
using MeterGrains.Gateway.Commands;
using MeterGrains.Gateway.Devices;

namespace MeterGrains.Gateway.Tests.Commands;

/// <summary>A device's reply must carry the key its command was stored with, and nothing else may.</summary>
public sealed class CommandRepliesTests
{
    [Fact]
    public void A_gen2_result_acknowledges_the_request_with_the_same_id()
    {
        var sent = CommandFormatter.Format(DeviceFamily.ShellyGen2, "pro-1", "pro-1", "c1", 17, new RelayCommand(0, true));

        var reply = Read("pro-1/metergrains/rpc", """{"id":17,"src":"pro-1","dst":"pro-1/metergrains","result":{"was_on":false}}""");

        Assert.NotNull(reply);
        Assert.Equal(sent.ReplyKey, reply.ReplyKey);
        Assert.True(reply.Succeeded);
    }

    [Fact]
    public void A_gen2_error_fails_the_request_with_the_devices_message()
    {
        var sent = CommandFormatter.Format(DeviceFamily.ShellyGen2, "pro-1", "pro-1", "c1", 18, new RelayCommand(3, true));

        var reply = Read("pro-1/metergrains/rpc", """{"id":18,"src":"pro-1","dst":"pro-1/metergrains","error":{"code":-105,"message":"Argument 'id', value 3 not found!"}}""");

        Assert.NotNull(reply);
        Assert.Equal(sent.ReplyKey, reply.ReplyKey);
        Assert.False(reply.Succeeded);
        Assert.Equal("device error -105: Argument 'id', value 3 not found!", reply.Reason);
    }

    [Fact]
    public void A_reply_with_another_id_or_from_another_device_does_not_match()
    {
        var sent = CommandFormatter.Format(DeviceFamily.ShellyGen2, "pro-1", "pro-1", "c1", 19, new RelayCommand(0, true));

        Assert.NotEqual(sent.ReplyKey, Read("pro-1/metergrains/rpc", """{"id":20,"result":{}}""")!.ReplyKey);
        Assert.NotEqual(sent.ReplyKey, Read("pro-2/metergrains/rpc", """{"id":19,"result":{}}""")!.ReplyKey);
    }

    [Fact]
    public void A_gen1_relay_state_acknowledges_commands_that_asked_for_that_state()
    {
        var on = CommandFormatter.Format(DeviceFamily.ShellyGen1, "em-1", "em-1:0", "c1", 1, new RelayCommand(0, true));
        var off = CommandFormatter.Format(DeviceFamily.ShellyGen1, "em-1", "em-1:0", "c2", 2, new RelayCommand(0, false));

        var reply = Read("shellies/em-1/relay/0", "on");

        Assert.NotNull(reply);
        Assert.Equal(on.ReplyKey, reply.ReplyKey);
        Assert.NotEqual(off.ReplyKey, reply.ReplyKey);
        Assert.Null(Read("shellies/em-1/relay/0", "overpower"));
    }

    [Fact]
    public void A_generic_ack_names_the_command_id_and_an_error_fails_it()
    {
        var sent = CommandFormatter.Format(DeviceFamily.Generic, "gw-1", "m-7", "abc123", 1, new RelayCommand(0, true));

        var ack = Read("meters/m-7/commands/ack", """{"id":"abc123"}""");
        var refusal = Read("meters/m-7/commands/ack", """{"id":"abc123","error":"relay jammed"}""");

        Assert.Equal(new CommandReply(sent.ReplyKey, true, null), ack);
        Assert.Equal(sent.ReplyKey, refusal!.ReplyKey);
        Assert.False(refusal.Succeeded);
        Assert.Contains("relay jammed", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authenticated_device_may_publish_its_own_replies_but_not_another_devices()
    {
        var gen2 = DeviceGrant.For("pro-1", DeviceFamily.ShellyGen2, []);
        var generic = DeviceGrant.For("gw-1", DeviceFamily.Generic, ["m-7"]);

        Assert.True(gen2.MayPublish("pro-1/metergrains/rpc"));
        Assert.False(gen2.MayPublish("pro-2/metergrains/rpc"));
        Assert.True(generic.MayPublish("meters/m-7/commands/ack"));
        Assert.False(generic.MayPublish("meters/m-8/commands/ack"));
    }

    [Theory]
    [InlineData("pro-1/rpc", """{"id":1,"result":{}}""")]
    [InlineData("pro-1/events/rpc", """{"id":1,"result":{}}""")]
    [InlineData("pro-1/metergrains/rpc", "not json")]
    [InlineData("pro-1/metergrains/rpc", """{"result":{}}""")]
    [InlineData("shellies/em-1/relay/0/command", "on")]
    [InlineData("meters/m-7/reading", """{"id":"abc123"}""")]
    [InlineData("meters/m-7/commands/ack", """{"id":5}""")]
    public void Other_messages_are_not_replies(string topic, string payload) => Assert.Null(Read(topic, payload));

    private static CommandReply? Read(string topic, string payload) =>
        CommandReplies.TryRead(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)));
}
