using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// The processing-app side over real HTTP: a processor reads meters and households by pseudonym and never sees an id or
/// a personal field; the results it posts name pseudonyms, are stored under the real id, shown to operators with it, and
/// pushed as <c>alert</c> to the SignalR dashboards of the subject.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class ProcessingApiTests(SingleSiloFixture fixture)
{
    private SiloProcess Silo => fixture.Silo;

    [Fact]
    public async Task A_processor_sees_pseudonyms_instead_of_ids_and_no_personal_fields()
    {
        var (household, meter) = NewIds("pa");
        await PutHouseholdAsync(household, meter);
        var t = WholeSecondNow().AddSeconds(-10);
        await PublishAndWaitAsync(meter, $$"""{"ts":"{{t:O}}","importPowerW":640,"importRegisterWh":1000}""");

        using var processor = Silo.CreateClient(SiloProcess.ProcessorApiKey);
        using var meterResponse = await processor.GetAsync($"/api/v1/meters/{TestPseudonyms.Of(meter)}");
        Assert.Equal(HttpStatusCode.OK, meterResponse.StatusCode);
        var meterText = await meterResponse.Content.ReadAsStringAsync();
        var meterJson = JsonDocument.Parse(meterText).RootElement;
        Assert.Equal(TestPseudonyms.Of(meter), meterJson.GetProperty("meterId").GetString());
        Assert.Equal(TestPseudonyms.Of(household), meterJson.GetProperty("householdId").GetString());
        Assert.Equal(640, meterJson.GetProperty("importPowerW").GetDouble());
        // The meter id starts with the household id: neither appears anywhere in the answer.
        Assert.DoesNotContain(household, meterText, StringComparison.Ordinal);

        using var householdResponse = await processor.GetAsync($"/api/v1/households/{TestPseudonyms.Of(household)}");
        Assert.Equal(HttpStatusCode.OK, householdResponse.StatusCode);
        var householdText = await householdResponse.Content.ReadAsStringAsync();
        var householdJson = JsonDocument.Parse(householdText).RootElement;
        Assert.Equal(TestPseudonyms.Of(household), householdJson.GetProperty("householdId").GetString());
        var listed = Assert.Single(householdJson.GetProperty("meters").EnumerateArray());
        Assert.Equal(TestPseudonyms.Of(meter), listed.GetProperty("meterId").GetString());
        Assert.Equal("grid", listed.GetProperty("role").GetString());
        Assert.Equal(640, householdJson.GetProperty("gridImportW").GetDouble());
        foreach (var personal in new[] { "name", "address", "email" })
        {
            Assert.False(householdJson.TryGetProperty(personal, out _), $"{personal} is personal: never for a processor");
        }

        Assert.DoesNotContain(household, householdText, StringComparison.Ordinal);
        Assert.DoesNotContain("Paula", householdText, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Lane", householdText, StringComparison.Ordinal);

        var readings = await processor.GetFromJsonAsync<JsonElement>(
            $"/api/v1/meters/{TestPseudonyms.Of(meter)}/readings?from={Uri.EscapeDataString(t.AddMinutes(-1).ToString("O"))}");
        Assert.Equal(TestPseudonyms.Of(meter), readings.GetProperty("meterId").GetString());
        var reading = Assert.Single(readings.GetProperty("readings").EnumerateArray());
        Assert.Equal(t, reading.GetProperty("ts").GetDateTimeOffset());
        Assert.Equal(1000, reading.GetProperty("importRegisterWh").GetDouble());

        var energy = await processor.GetFromJsonAsync<JsonElement>($"/api/v1/households/{TestPseudonyms.Of(household)}/energy");
        Assert.Equal(TestPseudonyms.Of(household), energy.GetProperty("householdId").GetString());

        // By its real id, or by a pseudonym never issued, the meter is unknown to a processor.
        await AssertProblemAsync(processor.GetAsync($"/api/v1/meters/{meter}"), HttpStatusCode.NotFound, "pseudonym");
        await AssertProblemAsync(processor.GetAsync($"/api/v1/meters/{TestPseudonyms.Of("never-defined")}"), HttpStatusCode.NotFound, "pseudonym");

        // The operator still uses ids.
        var asOperator = await Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{meter}");
        Assert.Equal(household, asOperator.GetProperty("householdId").GetString());
    }

    [Fact]
    public async Task A_result_posted_with_a_pseudonym_is_stored_under_the_real_id_and_pushed_as_an_alert()
    {
        var (household, meter) = NewIds("pr");
        await PutHouseholdAsync(household, meter);
        var t = WholeSecondNow().AddMinutes(-30);
        await PublishAndWaitAsync(meter, $$"""{"ts":"{{t:O}}","importPowerW":300}""");

        await using var meterDashboard = await LiveHubClient.ConnectAsync(Silo, SiloProcess.OperatorApiKey);
        await meterDashboard.Connection.InvokeAsync("SubscribeMeter", meter);
        await using var householdDashboard = await LiveHubClient.ConnectAsync(Silo, SiloProcess.OperatorApiKey);
        await householdDashboard.Connection.InvokeAsync("SubscribeHousehold", household);

        using var processor = Silo.CreateClient(SiloProcess.ProcessorApiKey);
        using var posted = await processor.PostAsJsonAsync("/api/v1/analytics/results", new
        {
            kind = "anomaly",
            subject = TestPseudonyms.Of(meter),
            from = "2026-11-22T02:00:00Z",
            to = "2026-11-22T02:15:00+00:00",
            payload = new { score = 0.93, message = "Night-time base load doubled" },
            severity = "warning",
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var stored = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TestPseudonyms.Of(meter), stored.GetProperty("subject").GetString());
        Assert.Equal("meter", stored.GetProperty("subjectKind").GetString());
        Assert.Equal("test-processor", stored.GetProperty("source").GetString());
        Assert.Equal(0.93, stored.GetProperty("payload").GetProperty("score").GetDouble());
        var id = stored.GetProperty("id").GetInt64();

        // In PostgreSQL under the real id.
        Assert.Equal(meter, await TestDatabase.ScalarAsync<string>(fixture.ConnectionString, "SELECT subject FROM analytics_results WHERE id = @id", ("id", id)));

        // Both dashboards hear of it, with the real id (they are operators).
        foreach (var dashboard in new[] { meterDashboard, householdDashboard })
        {
            var alert = await dashboard.WaitForAsync("alert",
                a => a.GetProperty("kind").GetString() == "anomaly" && a.GetProperty("subject").GetString() == meter,
                $"the anomaly of {meter} as an alert");
            Assert.Equal("warning", alert.GetProperty("severity").GetString());
            Assert.Equal("Night-time base load doubled", alert.GetProperty("message").GetString());
            Assert.Equal(stored.GetProperty("receivedAt").GetDateTimeOffset(), alert.GetProperty("ts").GetDateTimeOffset());
        }

        var operatorView = await Silo.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/analytics/results?subject={meter}&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z");
        var shown = Assert.Single(operatorView.EnumerateArray());
        Assert.Equal(meter, shown.GetProperty("subject").GetString());
        Assert.Equal(id, shown.GetProperty("id").GetInt64());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero), shown.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 2, 15, 0, TimeSpan.Zero), shown.GetProperty("to").GetDateTimeOffset());
        Assert.Equal("Night-time base load doubled", shown.GetProperty("payload").GetProperty("message").GetString());

        // The processor lists it by the pseudonym and sees no id.
        using var listed = await processor.GetAsync(
            $"/api/v1/analytics/results?subject={TestPseudonyms.Of(meter)}&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z");
        var listedText = await listed.Content.ReadAsStringAsync();
        Assert.Equal(TestPseudonyms.Of(meter), Assert.Single(JsonDocument.Parse(listedText).RootElement.EnumerateArray()).GetProperty("subject").GetString());
        Assert.DoesNotContain(household, listedText, StringComparison.Ordinal);

        // A period that ends where the result starts does not overlap it ([from, to) on both).
        var before = await Silo.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/analytics/results?subject={meter}&from=2026-11-22T01:00:00Z&to=2026-11-22T02:00:00Z");
        Assert.Empty(before.EnumerateArray());
    }

    [Fact]
    public async Task An_operator_posts_about_a_household_by_id_and_its_dashboards_get_the_alert()
    {
        var (household, meter) = NewIds("po");
        await PutHouseholdAsync(household, meter);
        await using var dashboard = await LiveHubClient.ConnectAsync(Silo, SiloProcess.OperatorApiKey);
        await dashboard.Connection.InvokeAsync("SubscribeHousehold", household);

        using var posted = await Silo.Http.PostAsJsonAsync("/api/v1/analytics/results", new
        {
            kind = "forecast",
            subject = household,
            from = "2026-11-23T00:00:00Z",
            to = "2026-11-30T00:00:00Z",
            payload = new[] { 12.5, 11.0, 13.25 },
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var stored = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(household, stored.GetProperty("subject").GetString());
        Assert.Equal("household", stored.GetProperty("subjectKind").GetString());
        Assert.Equal("info", stored.GetProperty("severity").GetString());
        Assert.Equal(3, stored.GetProperty("payload").GetArrayLength());

        // No message in the payload: the alert says what, who and when.
        var alert = await dashboard.WaitForAsync("alert",
            a => a.GetProperty("kind").GetString() == "forecast" && a.GetProperty("subject").GetString() == household,
            $"the forecast of {household} as an alert");
        Assert.Equal("forecast from test-operator for 2026-11-23T00:00:00Z to 2026-11-30T00:00:00Z", alert.GetProperty("message").GetString());

        var byKind = await Silo.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/analytics/results?subject={household}&kind=anomaly&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
        Assert.Empty(byKind.EnumerateArray());
    }

    [Fact]
    public async Task Wrong_roles_unknown_subjects_and_bad_fields_are_refused_with_problem_details()
    {
        var (household, meter) = NewIds("pe");
        await PutHouseholdAsync(household, meter);
        await PublishAndWaitAsync(meter, $$"""{"ts":"{{WholeSecondNow().AddSeconds(-5):O}}","importPowerW":1}""");
        object Result(string subject, string kind = "anomaly", string from = "2026-11-22T02:00:00Z", string to = "2026-11-22T03:00:00Z",
            object? payload = null, string? severity = null) =>
            new { kind, subject, from, to, payload = payload ?? new { score = 1 }, severity };

        using var resident = Silo.CreateClient(SiloProcess.ResidentApiKey);
        await AssertProblemAsync(resident.PostAsJsonAsync("/api/v1/analytics/results", Result(meter)), HttpStatusCode.Forbidden);
        await AssertProblemAsync(resident.GetAsync("/api/v1/analytics/results"), HttpStatusCode.Forbidden);
        using var anonymous = Silo.CreateClient(null);
        await AssertProblemAsync(anonymous.PostAsJsonAsync("/api/v1/analytics/results", Result(meter)), HttpStatusCode.Unauthorized);

        using var processor = Silo.CreateClient(SiloProcess.ProcessorApiKey);
        // A processor names pseudonyms: the real id is no subject it knows.
        await AssertProblemAsync(processor.PostAsJsonAsync("/api/v1/analytics/results", Result(meter)), HttpStatusCode.NotFound, meter);
        await AssertProblemAsync(
            processor.PostAsJsonAsync("/api/v1/analytics/results", Result(TestPseudonyms.Of("nobody-at-all"))), HttpStatusCode.NotFound, "pseudonym");
        await AssertProblemAsync(
            Silo.Http.PostAsJsonAsync("/api/v1/analytics/results", Result("no-such-meter-or-household")), HttpStatusCode.NotFound, "no-such-meter");
        await AssertProblemAsync(
            processor.GetAsync($"/api/v1/analytics/results?subject={TestPseudonyms.Of("nobody-at-all")}"), HttpStatusCode.NotFound, "pseudonym");

        var p = TestPseudonyms.Of(meter);
        await AssertProblemAsync(processor.PostAsJsonAsync("/api/v1/analytics/results", Result(p, kind: "")), HttpStatusCode.BadRequest, "kind is required");
        await AssertProblemAsync(processor.PostAsJsonAsync("/api/v1/analytics/results", Result(p, kind: "an omaly")), HttpStatusCode.BadRequest, "kind must be");
        await AssertProblemAsync(processor.PostAsJsonAsync("/api/v1/analytics/results", Result(p, severity: "urgent")), HttpStatusCode.BadRequest, "severity");
        await AssertProblemAsync(
            processor.PostAsJsonAsync("/api/v1/analytics/results", Result(p, from: "2026-11-22T03:00:00Z")), HttpStatusCode.BadRequest, "from must be before to");
        await AssertProblemAsync(
            processor.PostAsJsonAsync("/api/v1/analytics/results", Result(p, from: "2026-11-22T02:00:00")), HttpStatusCode.BadRequest, "from '2026-11-22T02:00:00'");
        await AssertProblemAsync(
            processor.PostAsJsonAsync("/api/v1/analytics/results", new { kind = "anomaly", subject = p, from = "2026-11-22T02:00:00Z", to = "2026-11-22T03:00:00Z" }),
            HttpStatusCode.BadRequest, "payload is required");
        // 64 KiB is the limit: a string of 65,536 characters is 65,538 bytes of JSON with its quotes.
        await AssertProblemAsync(
            processor.PostAsJsonAsync("/api/v1/analytics/results", Result(p, payload: new string('x', 65_536))), HttpStatusCode.RequestEntityTooLarge, "65536");
        await AssertProblemAsync(processor.GetAsync("/api/v1/analytics/results?limit=0"), HttpStatusCode.BadRequest, "limit");

        // Nothing of the refused ones was stored.
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM analytics_results WHERE subject = @s", ("s", meter)));
    }

    internal static (string Household, string Meter) NewIds(string prefix)
    {
        var household = $"{prefix}-{Guid.NewGuid():N}"[..16];
        return (household, $"{household}-grid");
    }

    private async Task PutHouseholdAsync(string householdId, string meterId)
    {
        using var put = await Silo.Http.PutAsJsonAsync($"/api/v1/households/{householdId}", new
        {
            type = "house",
            occupants = 3,
            timeZone = "UTC",
            name = "Paula Private",
            address = "1 Hidden Lane",
            email = "paula@example.org",
            meters = new[] { new { meterId, role = "grid" } },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private async Task PublishAndWaitAsync(string meterId, string json)
    {
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", json);
        await Eventually.UntilAsync(
            async () => (await Silo.Http.GetAsync($"/api/v1/meters/{meterId}")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), $"meter {meterId} has its reading");
    }

    private static async Task AssertProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode expected, string? detailContains = null)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        }
    }

    private static DateTimeOffset WholeSecondNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
