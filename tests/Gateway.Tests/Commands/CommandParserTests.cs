using System.Text.Json;
using MeterGrains.Gateway.Commands;
using MeterGrains.Gateway.Devices;

namespace MeterGrains.Gateway.Tests.Commands;

public sealed class CommandParserTests
{
    [Fact]
    public void Reads_a_relay_command()
    {
        var (command, problem) = Parse("relay", """{"channel": 2, "on": false}""");

        Assert.Null(problem);
        Assert.Equal(new RelayCommand(2, false), command);
    }

    [Theory]
    [InlineData("reboot", """{"channel": 0, "on": true}""", "name must be 'relay'")]
    [InlineData(null, """{"channel": 0, "on": true}""", "name must be 'relay'")]
    [InlineData("relay", null, "args must be an object")]
    [InlineData("relay", """{"on": true}""", "args.channel")]
    [InlineData("relay", """{"channel": -1, "on": true}""", "args.channel")]
    [InlineData("relay", """{"channel": 16, "on": true}""", "args.channel")]
    [InlineData("relay", """{"channel": 0.5, "on": true}""", "args.channel")]
    [InlineData("relay", """{"channel": "0", "on": true}""", "args.channel")]
    [InlineData("relay", """{"channel": 0, "on": "true"}""", "args.on")]
    [InlineData("relay", """{"channel": 0}""", "args.on")]
    public void Explains_a_bad_command(string? name, string? args, string expected)
    {
        var (command, problem) = Parse(name, args);

        Assert.Null(command);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shellyem-A1", new[] { "shellyem-A1" })]
    [InlineData("shellyem-A1:2", new[] { "shellyem-A1:2", "shellyem-A1" })]
    [InlineData("a:b", new[] { "a:b" })]
    [InlineData("a:", new[] { "a:" })]
    public void A_shelly_meter_names_its_device_with_or_without_the_channel(string meterId, string[] expected) =>
        Assert.Equal(expected, DeviceRules.ShellyDeviceCandidates(meterId));

    private static (RelayCommand?, string?) Parse(string? name, string? args)
    {
        if (args is null)
        {
            return CommandParser.Parse(name, null);
        }

        using var document = JsonDocument.Parse(args);
        return CommandParser.Parse(name, document.RootElement.Clone());
    }
}
