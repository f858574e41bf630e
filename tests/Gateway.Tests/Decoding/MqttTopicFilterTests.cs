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
}
