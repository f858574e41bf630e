using MeterGrains.Gateway.Mqtt;

namespace MeterGrains.Gateway.Tests.Mqtt;

public sealed class ExternalBrokerOptionsValidatorTests
{
    private static IEnumerable<string> Failures(ExternalBrokerOptions options) =>
        new ExternalBrokerOptionsValidator().Validate(null, options).Failures ?? [];

    private static ExternalBrokerOptions Enabled() => new() { Enabled = true, Host = "mosquitto.example.net" };

    [Fact]
    public void Disabled_defaults_are_valid_even_without_a_host() => Assert.Empty(Failures(new ExternalBrokerOptions()));

    [Fact]
    public void Enabled_with_a_host_is_valid() => Assert.Empty(Failures(Enabled()));

    [Theory]
    [InlineData("")]
    [InlineData("mqtt://broker:1883")]
    [InlineData("broker:1883")]
    public void A_missing_or_malformed_host_names_the_key(string host) =>
        Assert.Contains(Failures(new ExternalBrokerOptions { Enabled = true, Host = host }), f => f.StartsWith("Mqtt:External:Host ", StringComparison.Ordinal));

    [Theory]
    [InlineData(false, 0, 1883)]
    [InlineData(true, 0, 8883)]
    [InlineData(true, 18883, 18883)]
    public void Port_zero_means_the_standard_port_of_the_transport(bool useTls, int port, int expected) =>
        Assert.Equal(expected, new ExternalBrokerOptions { UseTls = useTls, Port = port }.EffectivePort);

    [Fact]
    public void Each_bad_value_names_its_key()
    {
        var options = Enabled();
        options.Port = 70000;
        options.Password = "secret";
        options.ClientId = "gateway one";
        options.SharedSubscriptionGroup = "a/b";
        options.SessionExpiry = TimeSpan.Zero;
        options.ReceiveMaximum = 65536;
        options.ReconnectDelay = TimeSpan.FromSeconds(10);
        options.ReconnectMaxDelay = TimeSpan.FromSeconds(5);

        var failures = Failures(options).ToList();

        foreach (var key in new[] { "Port", "Password", "ClientId", "SharedSubscriptionGroup", "SessionExpiry", "ReceiveMaximum", "ReconnectMaxDelay" })
        {
            Assert.Contains(failures, f => f.StartsWith($"Mqtt:External:{key} ", StringComparison.Ordinal));
        }

        Assert.Equal(7, failures.Count);
    }

    [Theory]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("gate/ways")]
    [InlineData("gate ways")]
    public void A_share_name_with_a_wildcard_separator_or_space_is_refused(string group)
    {
        var options = Enabled();
        options.SharedSubscriptionGroup = group;
        Assert.Contains(Failures(options), f => f.StartsWith("Mqtt:External:SharedSubscriptionGroup ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_session_expiry_beyond_four_bytes_of_seconds_is_refused()
    {
        var options = Enabled();
        // 2^32 s is one second more than MQTT 5 can carry (0xFFFFFFFF).
        options.SessionExpiry = TimeSpan.FromSeconds(4_294_967_296);
        Assert.Contains(Failures(options), f => f.StartsWith("Mqtt:External:SessionExpiry ", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_client_id_the_machine_name_makes_one()
    {
        Assert.Equal($"metergrains-gateway-{Environment.MachineName}", new ExternalBrokerOptions().EffectiveClientId);
        Assert.Equal("gw-7", new ExternalBrokerOptions { ClientId = "gw-7" }.EffectiveClientId);
    }

    [Fact]
    public void A_shared_group_prefixes_every_filter_with_share()
    {
        Assert.Equal(
            ["$share/gateways/meters/+/reading", "$share/gateways/shellies/#"],
            ExternalBrokerSubscriber.SubscriptionFilters(["meters/+/reading", "shellies/#"], "gateways"));
        Assert.Equal(["meters/+/reading"], ExternalBrokerSubscriber.SubscriptionFilters(["meters/+/reading"], null));
    }
}
