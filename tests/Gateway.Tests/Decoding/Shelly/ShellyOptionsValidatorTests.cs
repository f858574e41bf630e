using MeterGrains.Gateway.Decoding.Shelly;
using MeterGrains.Gateway.Hosting;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MeterGrains.Gateway.Tests.Decoding.Shelly;

public sealed class ShellyOptionsValidatorTests
{
    [Theory]
    [InlineData("00:00:00.050")]
    [InlineData("00:00:31")]
    [InlineData("-00:00:02")]
    public void An_assembly_window_out_of_range_is_refused(string window)
    {
        var result = new ShellyGen1OptionsValidator().Validate(null, new ShellyGen1Options { AssemblyWindow = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("Shelly:Gen1:AssemblyWindow", result.FailureMessage);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new ShellyGen1OptionsValidator().Validate(null, new ShellyGen1Options()).Succeeded);
        Assert.True(new ShellyGen2OptionsValidator().Validate(null, new ShellyGen2Options()).Succeeded);
    }

    [Theory]
    [InlineData("Shelly:Gen1:AssemblyWindow", "00:01:00", "Shelly:Gen1:AssemblyWindow must be between 00:00:00.1000000 and 00:00:30 (was 00:01:00)")]
    [InlineData("Shelly:Gen1:MaxOpenWindows", "0", "Shelly:Gen1:MaxOpenWindows must be between 1 and 10000000 (was 0)")]
    [InlineData("Shelly:Gen2:MaxTrackedDevices", "-1", "Shelly:Gen2:MaxTrackedDevices must be between 1 and 10000000 (was -1)")]
    public async Task Bad_shelly_configuration_fails_start_up_naming_the_key(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Mqtt:Enabled"] = "false", [key] = value });
        builder.Services.AddSingleton<IReadingSink>(new RecordingReadingSink());
        builder.Services.AddMqttGateway();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(message, error.Message);
    }
}
