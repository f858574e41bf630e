using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using Npgsql;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>A household defined over REST, its live flow fed by meters over MQTT.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class HouseholdTests(SingleSiloFixture fixture)
{
    [Fact]
    public async Task The_live_flow_follows_the_meters_of_the_household()
    {
        var id = $"h-{Guid.NewGuid():N}"[..14];
        var grid = $"{id}-grid";
        var pv = $"{id}-pv";
        using var put = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{id}", new
        {
            type = "house",
            occupants = 3,
            timeZone = "Europe/Brussels",
            email = "resident@example.org",
            meters = new[] { new { meterId = grid, role = "grid" }, new { meterId = pv, role = "production" } },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var t = DateTimeOffset.UtcNow.AddSeconds(-10);
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{grid}/reading", $$"""{"ts":"{{t:O}}","exportPowerW":1200}""");
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{pv}/reading", $$"""{"ts":"{{t:O}}","exportPowerW":2000}""");

        // Grid exports 1200 W while PV makes 2000 W: the house consumes 800 W.
        var household = await Eventually.ReturnsAsync(
            () => fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/households/{id}"),
            h => h.GetProperty("productionW").GetDouble() == 2000 && h.GetProperty("gridExportW").GetDouble() == 1200,
            TimeSpan.FromSeconds(30),
            "the household flow shows both meters");
        Assert.Equal(800, household.GetProperty("consumptionW").GetDouble());
        Assert.Equal(0, household.GetProperty("gridImportW").GetDouble());
        Assert.Equal("Europe/Brussels", household.GetProperty("timeZone").GetString());
        // The fixture's client is the operator, who sees the personal fields (ApiAuthTests: nobody else does).
        Assert.Equal("resident@example.org", household.GetProperty("email").GetString());

        var meter = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{grid}");
        Assert.Equal(id, meter.GetProperty("householdId").GetString());
    }

    [Fact]
    public async Task Personal_fields_are_encrypted_at_rest()
    {
        var id = $"enc-{Guid.NewGuid():N}"[..16];
        const string email = "very.private.person@example.org";
        using var put = await fixture.Silo.Http.PutAsJsonAsync($"/api/v1/households/{id}", new
        {
            type = "apartment", occupants = 1, timeZone = "UTC", name = "Very Private", email, meters = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansstorage WHERE convert_from(payloadbinary, 'UTF8') LIKE '%' || @needle || '%'", connection);
        command.Parameters.AddWithValue("needle", "very.private");
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        await using var stored = new NpgsqlCommand("SELECT count(*) FROM orleansstorage WHERE convert_from(payloadbinary, 'UTF8') LIKE '%' || @needle || '%'", connection);
        stored.Parameters.AddWithValue("needle", "apartment");
        Assert.Equal(1L, (long)(await stored.ExecuteScalarAsync())!);
    }

    [Theory]
    [InlineData("""{"type":"castle","occupants":2,"timeZone":"UTC"}""", "type")]
    [InlineData("""{"type":"house","occupants":0,"timeZone":"UTC"}""", "occupants")]
    [InlineData("""{"type":"house","occupants":2,"timeZone":"Mars/Olympus"}""", "timeZone")]
    [InlineData("""{"type":"house","occupants":2,"timeZone":"UTC","meters":[{"meterId":"a","role":"boiler"}]}""", "role")]
    [InlineData("""{"type":"house","occupants":2,"timeZone":"UTC","meters":[{"meterId":"a b","role":"grid"}]}""", "meterId")]
    public async Task A_bad_definition_is_refused_with_problem_details(string body, string named)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Silo.Http.PutAsync("/api/v1/households/bad-1", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_household_is_not_found()
    {
        using var response = await fixture.Silo.Http.GetAsync("/api/v1/households/nobody-lives-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
