using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>A meter that falls silent raises an alert, and another when it comes back (offlineAfter 3 s here).</summary>
public sealed class MeterAlertTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_silent_meter_raises_an_offline_alert_and_an_online_alert_when_it_returns()
    {
        var database = await TestDatabase.CreateAsync("alerts");
        await using var silo = await SiloProcess.StartAsync(database, $"alerts-{Guid.NewGuid():N}",
            settings: new Dictionary<string, string> { ["Meters__OfflineAfter"] = "00:00:03" });
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(silo.Ports.Mqtt);

        var first = WholeSecondNow();
        await MeterReadingSliceTests.PublishAsync(mqtt, "meters/quiet-1/reading", $$"""{"ts":"{{first:O}}","importPowerW":250}""");

        // Offline at the last reading + 3 s.
        var offline = await WaitForAlertAsync(silo, "quiet-1", "meter-offline");
        Assert.Equal(first.AddSeconds(3), offline.GetProperty("ts").GetDateTimeOffset());
        Assert.Equal("warning", offline.GetProperty("severity").GetString());
        Assert.Contains("quiet-1", offline.GetProperty("message").GetString());
        var meter = await silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/meters/quiet-1");
        Assert.False(meter.GetProperty("online").GetBoolean());

        var second = WholeSecondNow();
        await MeterReadingSliceTests.PublishAsync(mqtt, "meters/quiet-1/reading", $$"""{"ts":"{{second:O}}","importPowerW":260}""");
        var online = await WaitForAlertAsync(silo, "quiet-1", "meter-online");
        Assert.Equal(second, online.GetProperty("ts").GetDateTimeOffset());
        Assert.Equal("info", online.GetProperty("severity").GetString());

        // Exactly one offline alert for the one silence, stored once.
        var all = await silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/alerts?subject=quiet-1&kind=meter-offline");
        Assert.True(all.GetArrayLength() >= 1);
        Assert.Equal(first.AddSeconds(3), all[0].GetProperty("ts").GetDateTimeOffset());
        Assert.Equal(1, await TestDatabase.ScalarAsync<long>(database,
            "SELECT count(*) FROM alerts WHERE subject = 'quiet-1' AND kind = 'meter-offline' AND ts = @ts", ("ts", first.AddSeconds(3))));
    }

    private static DateTimeOffset WholeSecondNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static async Task<JsonElement> WaitForAlertAsync(SiloProcess silo, string subject, string kind)
    {
        var alerts = await Eventually.ReturnsAsync(
            () => silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?subject={subject}&kind={kind}"),
            a => a.ValueKind == JsonValueKind.Array && a.GetArrayLength() > 0,
            Deadline,
            $"a {kind} alert for {subject}");
        return alerts[0];
    }
}
