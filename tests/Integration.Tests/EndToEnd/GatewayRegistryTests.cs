using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>Every gateway silo reports itself; <c>GET /api/v1/gateways</c> says where meters connect.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class GatewayRegistryTests(SingleSiloFixture fixture)
{
    [Fact]
    public async Task The_gateway_of_the_silo_is_listed_online_with_its_broker_and_topics_and_counts_traffic()
    {
        var gateways = await Eventually.ReturnsAsync(
            () => fixture.Silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/gateways"),
            g => g.ValueKind == JsonValueKind.Array && g.GetArrayLength() == 1,
            TimeSpan.FromSeconds(30),
            "one gateway registered");
        var gateway = gateways[0];
        Assert.True(gateway.GetProperty("online").GetBoolean());
        Assert.Equal($"mqtt://127.0.0.1:{fixture.Silo.Ports.Mqtt}", Assert.Single(gateway.GetProperty("endpoints").EnumerateArray()).GetString());
        var topics = gateway.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("meters/+/reading", topics);
        Assert.Contains(topics, t => t!.StartsWith("shellies/", StringComparison.Ordinal));

        // Traffic shows in the next heartbeat (every 10 s by default).
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt);
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1);
        await MeterReadingSliceTests.PublishAsync(mqtt, "meters/registry-1/reading", $$"""{"ts":"{{t:O}}","importPowerW":10}""");
        await Eventually.UntilAsync(
            async () =>
            {
                var all = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/gateways");
                return all[0].GetProperty("messagesReceived").GetInt64() >= 1 && all[0].GetProperty("readingsAccepted").GetInt64() >= 1;
            },
            TimeSpan.FromSeconds(30),
            "the gateway's heartbeat counts the message and its reading");

        // Any authenticated caller may discover gateways; nobody anonymous.
        using var resident = fixture.Silo.CreateClient(SiloProcess.ResidentApiKey);
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync("/api/v1/gateways")).StatusCode);
        using var anonymous = fixture.Silo.CreateClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/gateways")).StatusCode);
    }
}
