using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// Who may call what (interfaces.md): an API key with a role; the operator sees everything, a resident only their own
/// household and its meters and never the personal fields, anyone without a valid key gets 401 problem details.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class ApiAuthTests(SingleSiloFixture fixture)
{
    private const string Home = SiloProcess.ResidentHouseholdId;

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key-of-this-cloud-at-all")]
    public async Task A_call_without_a_valid_key_gets_401_problem_details(string? key)
    {
        using var client = fixture.Silo.CreateClient(key);
        using var response = await client.GetAsync("/api/v1/meters/any-meter");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        using var client = fixture.Silo.CreateClient(null);
        using var response = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_resident_sees_their_own_household_and_meters_without_personal_fields_and_nothing_else()
    {
        var ownMeter = $"{Home}-grid";
        var otherId = $"other-{Guid.NewGuid():N}"[..16];
        await PutHouseholdAsync(Home, ownMeter);
        await PutHouseholdAsync(otherId, $"{otherId}-grid");
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5);
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{ownMeter}/reading", $$"""{"ts":"{{t:O}}","importPowerW":400}""");
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{otherId}-grid/reading", $$"""{"ts":"{{t:O}}","importPowerW":500}""");

        using var resident = fixture.Silo.CreateClient(SiloProcess.ResidentApiKey);
        var home = await resident.GetFromJsonAsync<JsonElement>($"/api/v1/households/{Home}");
        Assert.Equal("house", home.GetProperty("type").GetString());
        Assert.False(home.TryGetProperty("email", out _), "personal fields are for operators only");
        Assert.False(home.TryGetProperty("name", out _), "personal fields are for operators only");

        var meter = await Eventually.ReturnsAsync(
            () => resident.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{ownMeter}"),
            m => m.GetProperty("readingsAccepted").GetInt64() == 1,
            TimeSpan.FromSeconds(30),
            "the resident sees the reading of their own meter");
        Assert.Equal(400, meter.GetProperty("importPowerW").GetDouble());

        await AssertForbiddenAsync(resident.GetAsync($"/api/v1/households/{otherId}"));
        await Eventually.UntilAsync(
            async () => (await fixture.Silo.Http.GetAsync($"/api/v1/meters/{otherId}-grid")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            "the other household's meter has its reading");
        await AssertForbiddenAsync(resident.GetAsync($"/api/v1/meters/{otherId}-grid"));
        await AssertForbiddenAsync(resident.PutAsJsonAsync($"/api/v1/households/{Home}", Definition($"{Home}-grid")));
        await AssertForbiddenAsync(resident.GetAsync("/api/v1/alerts"));

        var asOperator = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/households/{Home}");
        Assert.Equal("Rita Resident", asOperator.GetProperty("name").GetString());
        Assert.Equal("rita@example.org", asOperator.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_processing_app_does_not_see_real_households()
    {
        await PutHouseholdAsync(Home, $"{Home}-grid");
        using var processor = fixture.Silo.CreateClient(SiloProcess.ProcessorApiKey);

        // A processing app names households by pseudonym: by its id the household is unknown to it, not merely refused.
        using var response = await processor.GetAsync($"/api/v1/households/{Home}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Rita", await response.Content.ReadAsStringAsync());
        await AssertForbiddenAsync(processor.GetAsync("/api/v1/alerts"));
        await AssertForbiddenAsync(processor.PutAsJsonAsync($"/api/v1/households/{Home}", Definition($"{Home}-grid")));
    }

    private static object Definition(string meterId) => new
    {
        type = "house",
        occupants = 2,
        timeZone = "Europe/Brussels",
        name = "Rita Resident",
        email = "rita@example.org",
        meters = new[] { new { meterId, role = "grid" } },
    };

    private async Task PutHouseholdAsync(string householdId, string meterId)
    {
        using var put = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{householdId}", Definition(meterId));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private static async Task AssertForbiddenAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
