using System.Buffers;
using System.Text;
using MeterGrains.Gateway.Decoding.Shelly;

namespace MeterGrains.Gateway.Tests.Decoding.Shelly;

public sealed class ShellyGen2SourceTests
{
    [Theory]
    [InlineData("""{"src":"dev-1","dst":"dev-1/events","method":"NotifyStatus","params":{"ts":1}}""", true)]
    [InlineData("""{"method":"NotifyStatus","params":{"ts":1,"em:0":{"src":"other"}},"src":"dev-1"}""", true)] // nested src is not the sender
    [InlineData("""{"method":"NotifyStatus","params":{"ts":1}}""", true)] // no src: the decoder uses the topic prefix
    [InlineData("""{"src":"dev-2","method":"NotifyStatus","params":{"ts":1}}""", false)]
    [InlineData("""{"src":"dev-1","src":"dev-2","method":"NotifyStatus"}""", false)] // duplicate keys: every src counts
    [InlineData("""{"\u0073rc":"dev-2"}""", false)] // an escaped key is still src
    [InlineData("""{"src":7}""", false)]
    [InlineData("""{"src":null}""", false)]
    [InlineData("not json", true)] // the decoder refuses it
    [InlineData("[1,2]", true)]
    public void Src_must_be_absent_or_the_device_itself(string json, bool passes) =>
        Assert.Equal(passes, ShellyGen2Source.IsAbsentOrEqual(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), "dev-1"));
}
