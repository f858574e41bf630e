using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// The vertical slice as a user meets it: a generic JSON reading published by an MQTT client over
/// real TCP reaches the meter grain and shows up in <c>GET /api/v1/meters/{meterId}</c>.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class MeterReadingSliceTests(SingleSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reading_published_over_mqtt_shows_up_in_the_meter_endpoint()
    {
        var meterId = $"m1-{Guid.NewGuid():N}"[..20];
        var t1 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 90);
        var t0 = t1.AddSeconds(-60);

        using var mqtt = await ConnectAsync(fixture.Silo.Ports.Mqtt);
        await PublishAsync(mqtt, $"meters/{meterId}/reading",
            $$"""{"ts":"{{t0:O}}","importPowerW":512.5,"exportPowerW":0,"importRegisterWh":123456.7,"exportRegisterWh":89.0}""");
        // The second reading uses epoch milliseconds, the other timestamp form of interfaces.md.
        await PublishAsync(mqtt, $"meters/{meterId}/reading",
            $$"""{"ts":{{t1.ToUnixTimeMilliseconds()}},"importPowerW":1000,"importRegisterWh":123470.0,"exportRegisterWh":89.0}""");

        var meter = (await Eventually.ReturnsAsync(
            () => TryGetMeterAsync(meterId),
            m => m?.GetProperty("readingsAccepted").GetInt64() == 2,
            Deadline,
            $"meter {meterId} shows 2 accepted readings")).GetValueOrDefault();

        Assert.Equal(meterId, meter.GetProperty("meterId").GetString());
        Assert.True(meter.GetProperty("online").GetBoolean());
        Assert.Equal(1000, meter.GetProperty("importPowerW").GetDouble());
        Assert.Equal(0, meter.GetProperty("exportPowerW").GetDouble());
        Assert.Equal(123470.0, meter.GetProperty("importRegisterWh").GetDouble());
        // Trapezoid: (512.5 + 1000) / 2 W × 60 s = 45375 W·s = 12.6041667 Wh.
        Assert.Equal(45375.0 / 3600, meter.GetProperty("integratedImportWh").GetDouble(), 6);
        Assert.Equal(0, meter.GetProperty("integratedExportWh").GetDouble());
        // Register: 123470.0 − 123456.7 = 13.3 Wh.
        Assert.Equal(13.3, meter.GetProperty("registerImportWh").GetDouble(), 6);
        Assert.Equal(0, meter.GetProperty("readingsRejected").GetInt64());
        Assert.Equal(t1.ToUnixTimeMilliseconds(), meter.GetProperty("lastReadingAt").GetDateTimeOffset().ToUnixTimeMilliseconds());

        // Both raw readings are durably stored as received, before the meter answered.
        var stored = await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM meter_readings WHERE meter_id = @m AND NOT late", ("m", meterId));
        Assert.Equal(2, stored);
        var firstImport = await TestDatabase.ScalarAsync<double>(fixture.ConnectionString,
            "SELECT import_power_w FROM meter_readings WHERE meter_id = @m ORDER BY ts LIMIT 1", ("m", meterId));
        Assert.Equal(512.5, firstImport);
    }

    [Fact]
    public async Task An_array_with_one_bad_reading_keeps_the_good_ones()
    {
        var meterId = $"batch-{Guid.NewGuid():N}"[..20];
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30);
        using var mqtt = await ConnectAsync(fixture.Silo.Ports.Mqtt);
        await PublishAsync(mqtt, $"meters/{meterId}/reading",
            $$"""[{"ts":"{{t.AddSeconds(-20):O}}","importPowerW":100},{"ts":"{{t.AddSeconds(-10):O}}","importPowerW":"lots"},{"ts":"{{t:O}}","importPowerW":300}]""");

        var meter = (await Eventually.ReturnsAsync(
            () => TryGetMeterAsync(meterId),
            m => m?.GetProperty("readingsAccepted").GetInt64() == 2,
            Deadline,
            $"meter {meterId} shows the 2 good readings of the batch")).GetValueOrDefault();
        Assert.Equal(300, meter.GetProperty("importPowerW").GetDouble());
        // (100 + 300) / 2 W × 20 s = 4000 W·s.
        Assert.Equal(4000.0 / 3600, meter.GetProperty("integratedImportWh").GetDouble(), 6);
    }

    [Fact]
    public async Task A_qos1_publish_is_acknowledged_only_once_its_reading_is_stored()
    {
        var meterId = $"acked-{Guid.NewGuid():N}"[..20];
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10);
        using var mqtt = await ConnectAsync(fixture.Silo.Ports.Mqtt);
        await PublishAsync(mqtt, $"meters/{meterId}/reading", $$"""{"ts":"{{t:O}}","importPowerW":42}""");

        // No waiting: the PUBACK itself says the reading is in PostgreSQL (Mqtt:AcknowledgeAfterStore, on by default).
        var stored = await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM meter_readings WHERE meter_id = @m", ("m", meterId));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task A_qos1_publish_whose_readings_are_all_refused_is_acknowledged_only_once_the_dead_letters_are_stored()
    {
        var meterId = $"refused-{Guid.NewGuid():N}"[..20];
        using var mqtt = await ConnectAsync(fixture.Silo.Ports.Mqtt);
        // One reading the decoder refuses (a number as a string), one the meter refuses (negative register).
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10);
        await PublishAsync(mqtt, $"meters/{meterId}/reading",
            $$"""[{"ts":"{{t:O}}","importPowerW":"42"},{"ts":"{{t.AddSeconds(1):O}}","importRegisterWh":-5}]""");

        // No waiting: the PUBACK itself says both refusals are in the dead-letter table, not merely queued for it.
        var stages = await TestDatabase.ScalarAsync<string>(fixture.ConnectionString,
            "SELECT string_agg(stage, ',' ORDER BY stage) FROM dead_letters WHERE meter_id = @m", ("m", meterId));
        Assert.Equal("decode,grain", stages);
    }

    [Fact]
    public async Task Unknown_and_invalid_meters_get_problem_details()
    {
        using var unknown = await fixture.Silo.Http.GetAsync("/api/v1/meters/never-seen-meter");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var notFound = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("never-seen-meter", notFound.GetProperty("detail").GetString());

        using var invalid = await fixture.Silo.Http.GetAsync("/api/v1/meters/bad%20id!");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/startup")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var response = await fixture.Silo.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement?> TryGetMeterAsync(string meterId)
    {
        using var response = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Connects an anonymous client; a device connects with its device id as client id, as Shelly devices do.</summary>
    internal static async Task<IMqttClient> ConnectAsync(int port, string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? $"test-{Guid.NewGuid():N}")
            .Build());
        return client;
    }

    internal static async Task PublishAsync(IMqttClient client, string topic, string json)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(json))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        Assert.True(result.IsSuccess, $"publish to {topic} was not acknowledged: {result.ReasonCode}");
    }
}
