using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// Registered devices as a client nobody here wrote sees them (Debian's <c>mosquitto_pub</c> with <c>-u</c>/<c>-P</c>): one
/// publishing to another device's topic is refused and audited, and one on the TLS port, trusting only the test's
/// self-signed certificate (<c>--cafile</c>), gets its reading in.
/// </summary>
[Collection(AuthenticatedSiloCollection.Name)]
public sealed class MosquittoPubDeviceTests(AuthenticatedSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_device_publishing_to_another_devices_topic_is_refused_and_the_refusal_is_audited()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (deviceA, meterA, deviceB, meterB) = ($"pub-a-{suffix}", $"meter-pa-{suffix}", $"pub-b-{suffix}", $"meter-pb-{suffix}");
        var passwordA = await RegisterAsync(deviceA, meterA);
        await RegisterAsync(deviceB, meterB);

        var (exitCode, output, error) = await MosquittoPub.RunToEndAsync(
        [
            "-h", "127.0.0.1", "-p", fixture.Silo.Ports.Mqtt.ToString(CultureInfo.InvariantCulture), "-q", "1",
            "-i", deviceA, "-u", deviceA, "-P", passwordA, "-t", $"meters/{meterB}/reading", "-m", """{"importPowerW": 9999}""",
        ]);

        // MQTT 5: the PUBACK carries "not authorized", and mosquitto_pub says so.
        Assert.Contains("not authorized", output + error, StringComparison.OrdinalIgnoreCase);
        var letter = await Eventually.ReturnsAsync(
            () => FindAuthDeadLetterAsync($"meters/{meterB}/reading"), l => l is not null, Deadline,
            $"an auth dead letter for the topic of {meterB} (mosquitto_pub exited {exitCode})");
        var reason = letter!.Value.GetProperty("reason").GetString();
        Assert.StartsWith($"publish refused: device '{deviceA}' (client '{deviceA}') may not publish to 'meters/{meterB}/reading'", reason, StringComparison.Ordinal);
        Assert.Contains("9999", letter.Value.GetProperty("rawPayload").GetString(), StringComparison.Ordinal);

        using var foreignMeter = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterB}");
        Assert.Equal(HttpStatusCode.NotFound, foreignMeter.StatusCode);
    }

    [Fact]
    public async Task A_tls_client_trusting_the_test_certificate_connects_on_the_tls_port_and_its_reading_arrives()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (deviceId, meterId) = ($"pub-tls-{suffix}", $"meter-tls-{suffix}");
        var password = await RegisterAsync(deviceId, meterId);
        var caFile = Path.Combine(Path.GetTempPath(), $"metergrains-ca-{suffix}.pem");
        await File.WriteAllTextAsync(caFile, fixture.Certificate.ExportCertificatePem());
        try
        {
            // -h localhost: the certificate names localhost, and mosquitto_pub checks the host name against it.
            var (exitCode, output, error) = await MosquittoPub.RunToEndAsync(
            [
                "-h", "localhost", "-p", fixture.TlsPort.ToString(CultureInfo.InvariantCulture), "--cafile", caFile, "-q", "1",
                "-i", deviceId, "-u", deviceId, "-P", password, "-t", $"meters/{meterId}/reading", "-m", """{"importPowerW": 321.5}""",
            ]);
            Assert.True(exitCode == 0, $"mosquitto_pub over TLS exited {exitCode}: {output}{error}");
        }
        finally
        {
            File.Delete(caFile);
        }

        var meter = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterId}");
                return response.StatusCode == HttpStatusCode.NotFound ? (JsonElement?)null : await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            m => m?.GetProperty("readingsAccepted").GetInt64() == 1, Deadline, $"meter {meterId} shows the reading sent over TLS");
        Assert.Equal(321.5, meter!.Value.GetProperty("importPowerW").GetDouble());
    }

    private async Task<string> RegisterAsync(string deviceId, string meterId)
    {
        using var response = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId, family = "generic", meters = new[] { meterId } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
    }

    private async Task<JsonElement?> FindAuthDeadLetterAsync(string topic)
    {
        var letters = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/ingest/dead-letters?limit=1000");
        foreach (var letter in letters.EnumerateArray())
        {
            if (letter.GetProperty("stage").GetString() == "auth" && letter.GetProperty("topic").GetString() == topic)
            {
                return letter;
            }
        }

        return null;
    }
}
