using MeterGrains.Gateway.Mqtt;

namespace MeterGrains.Gateway.Tests.Mqtt;

public sealed class MqttOptionsValidatorTests
{
    private static IEnumerable<string> Failures(MqttOptions options) =>
        new MqttOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Failures(new MqttOptions()));

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    public void Other_bind_addresses_are_allowed(string address) => Assert.Empty(Failures(new MqttOptions { BindAddress = address }));

    [Theory]
    [InlineData(0, "Mqtt:Port")]
    [InlineData(65536, "Mqtt:Port")]
    public void Port_out_of_range_names_the_key(int port, string key) =>
        Assert.Contains(Failures(new MqttOptions { Port = port }), f => f.StartsWith(key + " must be between 1 and 65535", StringComparison.Ordinal));

    [Fact]
    public void Each_bad_value_names_its_key()
    {
        var failures = Failures(new MqttOptions { TlsPort = 1883, BindAddress = "", MaxPayloadBytes = 0, RequireAuthentication = true });

        Assert.Contains(failures, f => f.StartsWith("Mqtt:TlsPort", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:BindAddress", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:MaxPayloadBytes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:RequireAuthentication", StringComparison.Ordinal));
    }
}
