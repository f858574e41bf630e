using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>What the gateway refuses lands in the dead-letter store with its reason; the good readings beside it are kept.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class DeadLetterTests(SingleSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_bad_reading_and_an_unparsable_payload_are_stored_with_their_reasons()
    {
        var meterId = $"dl-{Guid.NewGuid():N}"[..16];
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 20);
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading",
            $$"""[{"ts":"{{t:O}}","importPowerW":100},{"ts":"{{t.AddSeconds(5):O}}","importPowerW":"lots"}]""");
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", "this is not json");

        await Eventually.UntilAsync(
            async () => await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
                "SELECT count(*) FROM dead_letters WHERE meter_id = @m", ("m", meterId)) == 2,
            Deadline,
            $"two dead letters for {meterId}");

        var stages = await TestDatabase.ScalarAsync<string>(fixture.ConnectionString,
            "SELECT string_agg(DISTINCT stage, ',') FROM dead_letters WHERE meter_id = @m", ("m", meterId));
        Assert.Equal("decode", stages);
        var topics = await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM dead_letters WHERE meter_id = @m AND topic = @t", ("m", meterId), ("t", $"meters/{meterId}/reading"));
        Assert.Equal(2, topics);
        var unparsable = await TestDatabase.ScalarAsync<string>(fixture.ConnectionString,
            "SELECT raw_payload FROM dead_letters WHERE meter_id = @m AND raw_payload LIKE 'this is not%'", ("m", meterId));
        Assert.Equal("this is not json", unparsable);

        // Operators read them over REST, oldest first, with stage, reason and topic; nobody else may.
        var letters = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/ingest/dead-letters?meterId={meterId}");
        Assert.Equal(2, letters.GetArrayLength());
        foreach (var letter in letters.EnumerateArray())
        {
            Assert.Equal("decode", letter.GetProperty("stage").GetString());
            Assert.Equal($"meters/{meterId}/reading", letter.GetProperty("topic").GetString());
            Assert.False(string.IsNullOrWhiteSpace(letter.GetProperty("reason").GetString()));
        }

        Assert.Contains(letters.EnumerateArray(), l => l.GetProperty("rawPayload").GetString() == "this is not json");
        using var resident = fixture.Silo.CreateClient(SiloProcess.ResidentApiKey);
        using var refused = await resident.GetAsync("/api/v1/ingest/dead-letters");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var badQuery = await fixture.Silo.Http.GetAsync("/api/v1/ingest/dead-letters?from=soon");
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);

        // The good reading of the array is kept (decoding dead-letters at once; the reading takes the grain's path).
        await Eventually.UntilAsync(
            async () => await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
                "SELECT count(*) FROM meter_readings WHERE meter_id = @m", ("m", meterId)) == 1,
            Deadline,
            $"the good reading of {meterId} is stored");
    }
}
