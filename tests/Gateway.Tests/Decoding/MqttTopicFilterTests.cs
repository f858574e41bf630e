using MeterGrains.Gateway.Decoding;

namespace MeterGrains.Gateway.Tests.Decoding;

public sealed class MqttTopicFilterTests
{
    [Theory]
    [InlineData("meters/+/reading", "meters/m1/reading", true)]
    [InlineData("meters/+/reading", "meters//reading", true)]
    [InlineData("meters/+/reading", "meters/m1/reading/x", false)]
    [InlineData("meters/+/reading", "meters/m1", false)]
    [InlineData("meters/+/reading", "Meters/m1/reading", false)]
    [InlineData("shellies/#", "shellies/dev/emeter/0/power", true)]
    [InlineData("shellies/#", "shellies", true)]
    [InlineData("shellies/+/emeter/+/+", "shellies/dev/emeter/0/total_returned", true)]
    [InlineData("shellies/+/emeter/+/+", "shellies/dev/relay/0/command", false)]
    [InlineData("#", "anything/at/all", true)]
    [InlineData("+/events/rpc", "shellypro3em-abc/events/rpc", true)]
    public void Matches_like_an_mqtt_broker(string filter, string topic, bool expected) =>
        Assert.Equal(expected, MqttTopicFilter.Matches(filter, topic));

    [Theory]
    [InlineData("meters/m1/commands", "meters/m1/commands", true)]
    [InlineData("meters/m1/commands", "meters/+/commands", false)]
    [InlineData("meters/m1/commands", "meters/m1/#", false)]
    [InlineData("meters/m1/commands", "meters/m1", false)]
    [InlineData("meters/m1/commands", "meters/m1/commands/x", false)]
    [InlineData("shellies/d/relay/+/command", "shellies/d/relay/0/command", true)]
    [InlineData("shellies/d/relay/+/command", "shellies/d/relay/+/command", true)]
    [InlineData("shellies/d/relay/+/command", "shellies/d/relay/#", false)]
    [InlineData("d/#", "d/rpc", true)]
    [InlineData("d/#", "d/+/x", true)]
    [InlineData("d/#", "d/#", true)]
    [InlineData("d/#", "d", true)] // "d/#" matches "d" itself
    [InlineData("d/#", "#", false)]
    [InlineData("d/#", "+/rpc", false)]
    [InlineData("+/rpc", "d/rpc", true)]
    [InlineData("+/rpc", "#", false)]
    public void Covers_only_filters_whose_every_topic_it_matches(string granted, string requested, bool expected) =>
        Assert.Equal(expected, MqttTopicFilter.Covers(granted, requested));
}
