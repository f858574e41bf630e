using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// Devices registered over REST connect to the embedded broker with the credentials issued to them, on the plain port and
/// over TLS; everything else is refused at the broker and leaves an <c>auth</c> dead letter.
/// </summary>
[Collection(AuthenticatedSiloCollection.Name)]
public sealed class DeviceAuthTests(AuthenticatedSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_registered_device_publishes_a_reading_that_lands_in_its_meter()
    {
        var (deviceId, meterId) = Ids("reg");
        var credentials = await RegisterGenericAsync(deviceId, meterId);

        Assert.Equal(deviceId, credentials.GetProperty("username").GetString());
        var password = credentials.GetProperty("password").GetString()!;
        Assert.Equal(43, password.Length); // 32 random bytes in base64url without padding
        Assert.Equal([$"meters/{meterId}/#"], Strings(credentials.GetProperty("device").GetProperty("publishTopics")));

        using var mqtt = new MqttClientFactory().CreateMqttClient();
        var connected = await mqtt.ConnectAsync(PlainOptions(deviceId, deviceId, password));
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10);
        var published = await PublishAsync(mqtt, $"meters/{meterId}/reading", $$"""{"ts":"{{t:O}}","importPowerW":321.5}""");
        Assert.True(published.IsSuccess, $"PUBACK {published.ReasonCode}");

        var meter = await Eventually.ReturnsAsync(
            () => TryGetMeterAsync(meterId), m => m?.GetProperty("readingsAccepted").GetInt64() == 1, Deadline, $"meter {meterId} shows the reading");
        Assert.Equal(321.5, meter!.Value.GetProperty("importPowerW").GetDouble());

        // Read back without the secret, hash included.
        var device = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{deviceId}");
        Assert.Equal("generic", device.GetProperty("family").GetString());
        Assert.Equal([meterId], Strings(device.GetProperty("meters")));
        var raw = device.GetRawText();
        Assert.DoesNotContain(password, raw);
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", raw, StringComparison.OrdinalIgnoreCase);

        // The database holds a salted hash, never the password.
        var stored = await TestDatabase.ScalarAsync<byte[]>(fixture.ConnectionString,
            "SELECT password_hash FROM devices WHERE device_id = @d", ("d", deviceId));
        Assert.Equal(32, stored.Length);
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM devices WHERE position(@p::bytea in password_hash) > 0 OR position(@p::bytea in password_salt) > 0",
            ("p", Encoding.UTF8.GetBytes(password))));
    }

    [Fact]
    public async Task Wrong_password_and_no_credentials_are_refused_at_connect()
    {
        var (deviceId, meterId) = Ids("pw");
        await RegisterGenericAsync(deviceId, meterId);

        using var wrong = new MqttClientFactory().CreateMqttClient();
        var refused = await wrong.ConnectAsync(PlainOptions(deviceId, deviceId, "not-the-password"));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.ResultCode);
        Assert.False(wrong.IsConnected);

        using var anonymous = new MqttClientFactory().CreateMqttClient();
        var anonymousResult = await anonymous.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", fixture.Silo.Ports.Mqtt).WithClientId($"anon-{deviceId}").WithProtocolVersion(MqttProtocolVersion.V500).Build());
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, anonymousResult.ResultCode);

        await Eventually.UntilAsync(
            async () => await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
                "SELECT count(*) FROM dead_letters WHERE stage = 'auth' AND reason LIKE @r", ("r", $"connect refused:%wrong password for device '{deviceId}'%")) == 1,
            Deadline, "the wrong password is audited as an auth dead letter");
    }

    [Fact]
    public async Task Publishing_to_another_devices_topic_is_refused_and_not_ingested()
    {
        var (deviceA, meterA) = Ids("a");
        var (deviceB, meterB) = Ids("b");
        var credentialsA = await RegisterGenericAsync(deviceA, meterA);
        await RegisterGenericAsync(deviceB, meterB);

        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(PlainOptions(deviceA, deviceA, credentialsA.GetProperty("password").GetString()!));
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10);
        var foreign = await PublishAsync(mqtt, $"meters/{meterB}/reading", $$"""{"ts":"{{t:O}}","importPowerW":9999}""");
        var own = await PublishAsync(mqtt, $"meters/{meterA}/reading", $$"""{"ts":"{{t:O}}","importPowerW":10}""");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        Assert.True(own.IsSuccess, $"PUBACK {own.ReasonCode}");
        await Eventually.ReturnsAsync(
            () => TryGetMeterAsync(meterA), m => m?.GetProperty("readingsAccepted").GetInt64() == 1, Deadline, $"meter {meterA} has its own reading");
        await Eventually.UntilAsync(
            async () => await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
                "SELECT count(*) FROM dead_letters WHERE stage = 'auth' AND topic = @t AND reason LIKE @r",
                ("t", $"meters/{meterB}/reading"), ("r", $"publish refused: device '{deviceA}'%")) == 1,
            Deadline, "the refused publish is audited with its topic and sender");

        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM meter_readings WHERE meter_id = @m", ("m", meterB)));
    }

    [Fact]
    public async Task A_device_connects_over_tls_with_its_credentials()
    {
        var (deviceId, meterId) = Ids("tls");
        var credentials = await RegisterGenericAsync(deviceId, meterId);

        using var mqtt = new MqttClientFactory().CreateMqttClient();
        var connected = await mqtt.ConnectAsync(TlsOptions(deviceId, credentials.GetProperty("password").GetString()));
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10);
        Assert.True((await PublishAsync(mqtt, $"meters/{meterId}/reading", $$"""{"ts":"{{t:O}}","exportPowerW":75}""")).IsSuccess);

        var meter = await Eventually.ReturnsAsync(
            () => TryGetMeterAsync(meterId), m => m?.GetProperty("readingsAccepted").GetInt64() == 1, Deadline, $"meter {meterId} shows the TLS reading");
        Assert.Equal(75, meter!.Value.GetProperty("exportPowerW").GetDouble());

        using var anonymous = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await anonymous.ConnectAsync(TlsOptions(deviceId, password: null))).ResultCode);
    }

    [Fact]
    public async Task Rotating_the_password_ends_the_old_one_and_revoking_ends_the_device()
    {
        var (deviceId, meterId) = Ids("rot");
        var first = (await RegisterGenericAsync(deviceId, meterId)).GetProperty("password").GetString()!;
        using var connected = new MqttClientFactory().CreateMqttClient();
        await connected.ConnectAsync(PlainOptions(deviceId, deviceId, first));

        using var rotate = await fixture.Silo.Http.PostAsync($"/api/v1/devices/{deviceId}/credentials", null);
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var second = (await rotate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        Assert.NotEqual(first, second);

        // The live connection made with the old password is closed; the old password no longer connects, the new one does.
        await Eventually.UntilAsync(() => Task.FromResult(!connected.IsConnected), Deadline, "the connection with the old password is closed");
        using var old = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await old.ConnectAsync(PlainOptions(deviceId, deviceId, first))).ResultCode);
        using var renewed = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.Success, (await renewed.ConnectAsync(PlainOptions(deviceId, deviceId, second))).ResultCode);

        using var revoke = await fixture.Silo.Http.DeleteAsync($"/api/v1/devices/{deviceId}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await Eventually.UntilAsync(() => Task.FromResult(!renewed.IsConnected), Deadline, "the revoked device's connection is closed");
        using var afterRevoke = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await afterRevoke.ConnectAsync(PlainOptions(deviceId, deviceId, second))).ResultCode);
        using var gone = await fixture.Silo.Http.GetAsync($"/api/v1/devices/{deviceId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Registration_refuses_bad_input_duplicates_and_non_operators()
    {
        var (deviceId, meterId) = Ids("dup");
        await RegisterGenericAsync(deviceId, meterId);

        using var duplicate = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId, family = "generic", meters = new[] { $"{meterId}-2" } });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already registered", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // A meter belongs to one device.
        using var claimed = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId = $"{deviceId}-x", family = "generic", meters = new[] { meterId } });
        Assert.Equal(HttpStatusCode.Conflict, claimed.StatusCode);
        using var notCreated = await fixture.Silo.Http.GetAsync($"/api/v1/devices/{deviceId}-x");
        Assert.Equal(HttpStatusCode.NotFound, notCreated.StatusCode); // the refused registration left nothing behind

        using var badFamily = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId = $"{deviceId}-y", family = "shelly-gen3" });
        Assert.Equal(HttpStatusCode.BadRequest, badFamily.StatusCode);
        Assert.Contains("family", (await badFamily.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var badId = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId = "a/b", family = "shelly-gen1" });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        using var reserved = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId = "meters", family = "shelly-gen2" });
        Assert.Equal(HttpStatusCode.BadRequest, reserved.StatusCode);

        using var resident = fixture.Silo.CreateClient(SiloProcess.ResidentApiKey);
        using var forbidden = await resident.PostAsJsonAsync("/api/v1/devices", new { deviceId = $"{deviceId}-z", family = "shelly-gen1" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var anonymous = fixture.Silo.CreateClient(apiKey: null);
        using var unauthorized = await anonymous.GetAsync($"/api/v1/devices/{deviceId}");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task A_shelly_gen1_device_publishes_under_its_own_id_only()
    {
        var deviceId = $"shellyem-{Guid.NewGuid():N}"[..20];
        using var register = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId, family = "shelly-gen1" });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var credentials = await register.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([$"shellies/{deviceId}/#"], Strings(credentials.GetProperty("device").GetProperty("publishTopics")));

        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(PlainOptions(deviceId, deviceId, credentials.GetProperty("password").GetString()!));
        var other = await PublishAsync(mqtt, "shellies/shellyem-someone-else/emeter/0/power", "100");
        var own = await PublishAsync(mqtt, $"shellies/{deviceId}/emeter/0/power", "100");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, other.ReasonCode);
        Assert.True(own.IsSuccess, $"PUBACK {own.ReasonCode}");

        var subscribed = await mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"shellies/{deviceId}/relay/0/command")
            .WithTopicFilter("shellies/+/relay/0/command")
            .Build());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, subscribed.Items.Single(i => i.TopicFilter.Topic.StartsWith($"shellies/{deviceId}", StringComparison.Ordinal)).ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, subscribed.Items.Single(i => i.TopicFilter.Topic.StartsWith("shellies/+", StringComparison.Ordinal)).ResultCode);
    }

    private static (string DeviceId, string MeterId) Ids(string prefix)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        return ($"dev-{prefix}-{suffix}", $"meter-{prefix}-{suffix}");
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private async Task<JsonElement> RegisterGenericAsync(string deviceId, string meterId)
    {
        using var response = await fixture.Silo.Http.PostAsJsonAsync("/api/v1/devices", new { deviceId, family = "generic", meters = new[] { meterId } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/devices/{deviceId}", response.Headers.Location?.OriginalString);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private MqttClientOptions PlainOptions(string clientId, string user, string password) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", fixture.Silo.Ports.Mqtt)
            .WithClientId(clientId)
            .WithCredentials(user, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

    private MqttClientOptions TlsOptions(string deviceId, string? password)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", fixture.TlsPort)
            .WithClientId(deviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls => tls
                .UseTls(true)
                .WithTargetHost("localhost")
                // Trust the test's self-signed certificate, and only it.
                .WithCertificateValidationHandler(e => e.Certificate.GetRawCertData().AsSpan().SequenceEqual(fixture.Certificate.RawData)));
        if (password is not null)
        {
            builder.WithCredentials(deviceId, password);
        }

        return builder.Build();
    }

    private static async Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload) =>
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    private async Task<JsonElement?> TryGetMeterAsync(string meterId)
    {
        using var response = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
