using MeterGrains.Gateway.Mqtt;
using MeterGrains.Gateway.Tests.TestSupport;

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
        var failures = Failures(new MqttOptions
        {
            TlsPort = 1883, BindAddress = "", MaxPayloadBytes = 0, DeviceCacheSeconds = -1, Tls = new MqttTlsOptions { BindAddress = "anywhere" },
        });

        Assert.Contains(failures, f => f.StartsWith("Mqtt:TlsPort", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:BindAddress", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:MaxPayloadBytes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:DeviceCacheSeconds", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:Tls:BindAddress", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_device_limits_name_their_keys()
    {
        var failures = Failures(new MqttOptions { DeviceLimits = new DeviceLimitsOptions { MessagesPerSecond = -1, Burst = 0, MaxPayloadBytes = 0 } }).ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Mqtt:DeviceLimits:MessagesPerSecond", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:DeviceLimits:Burst", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mqtt:DeviceLimits:MaxPayloadBytes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(1, true)]
    [InlineData(86400, true)]
    [InlineData(86401, false)]
    public void The_command_reply_timeout_is_bounded_and_named(double seconds, bool valid)
    {
        var result = new MeterGrains.Gateway.Commands.CommandOptionsValidator().Validate(
            null, new MeterGrains.Gateway.Commands.CommandOptions { ReplyTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("Commands:ReplyTimeout", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Authentication_is_required_unless_configured_off() => Assert.True(new MqttOptions().RequireAuthentication);

    [Fact]
    public void A_missing_certificate_file_names_the_key()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.pem");
        var failure = Assert.Single(Failures(new MqttOptions { Tls = new MqttTlsOptions { CertificatePath = missing } }));

        Assert.StartsWith("Mqtt:Tls:CertificatePath", failure, StringComparison.Ordinal);
        Assert.Contains(missing, failure);
    }

    [Fact]
    public void A_key_without_a_certificate_names_both_keys()
    {
        var failure = Assert.Single(Failures(new MqttOptions { Tls = new MqttTlsOptions { KeyPath = "/tmp/key.pem" } }));
        Assert.Contains("Mqtt:Tls:KeyPath", failure);
        Assert.Contains("Mqtt:Tls:CertificatePath", failure);
    }

    [Fact]
    public void A_pfx_with_a_wrong_password_names_the_key()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mqtt-test-{Guid.NewGuid():N}.pfx");
        using (var certificate = TestCertificates.SelfSigned("localhost"))
        {
            File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "right"));
        }

        try
        {
            Assert.Empty(Failures(new MqttOptions { Tls = new MqttTlsOptions { CertificatePath = path, Password = "right" } }));
            var failure = Assert.Single(Failures(new MqttOptions { Tls = new MqttTlsOptions { CertificatePath = path, Password = "wrong" } }));
            Assert.StartsWith("Mqtt:Tls:CertificatePath", failure, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
