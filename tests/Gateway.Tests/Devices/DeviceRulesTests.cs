using MeterGrains.Gateway.Devices;

namespace MeterGrains.Gateway.Tests.Devices;

public sealed class DeviceRulesTests
{
    [Theory]
    [InlineData("gw-1", DeviceFamily.Generic, new[] { "m-1" }, null)]
    [InlineData("shellyem-A1", DeviceFamily.ShellyGen1, new string[0], null)]
    [InlineData("shellypro3em-b2", DeviceFamily.ShellyGen2, new string[0], null)]
    [InlineData("", DeviceFamily.Generic, new[] { "m-1" }, "deviceId is empty")]
    [InlineData("a/b", DeviceFamily.ShellyGen1, new string[0], "deviceId may contain only")]
    [InlineData("dev#", DeviceFamily.ShellyGen2, new string[0], "deviceId may contain only")]
    [InlineData("gw-1", DeviceFamily.Generic, new string[0], "at least one meter")]
    [InlineData("gw-1", DeviceFamily.Generic, new[] { "m-1", "m-1" }, "listed twice")]
    [InlineData("gw-1", DeviceFamily.Generic, new[] { "meters/+" }, "meters: meterId may contain only")]
    [InlineData("shellyem-A1", DeviceFamily.ShellyGen1, new[] { "m-1" }, "leave meters out")]
    [InlineData("meters", DeviceFamily.ShellyGen2, new string[0], "reserved")]
    [InlineData("shellies", DeviceFamily.ShellyGen2, new string[0], "reserved")]
    public void Explains_what_is_wrong(string deviceId, DeviceFamily family, string[] meters, string? expected)
    {
        var problem = DeviceRules.Explain(deviceId, family, meters);
        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Contains(expected, problem);
        }
    }

    [Fact]
    public void A_shelly_id_leaves_room_for_a_channel_suffix()
    {
        // 62 characters + ":N" = 64, the longest meter id.
        Assert.Null(DeviceRules.Explain(new string('a', 62), DeviceFamily.ShellyGen1, []));
        Assert.Contains("at most 62", DeviceRules.Explain(new string('a', 63), DeviceFamily.ShellyGen1, []));
        Assert.Null(DeviceRules.Explain(new string('a', 64), DeviceFamily.Generic, ["m"]));
    }

    [Fact]
    public void A_generic_device_has_at_most_64_meters()
    {
        string[] meters = [.. Enumerable.Range(0, 65).Select(i => $"m{i}")];
        Assert.Contains("at most 64", DeviceRules.Explain("gw", DeviceFamily.Generic, meters));
        Assert.Null(DeviceRules.Explain("gw", DeviceFamily.Generic, meters[..64]));
    }
}
