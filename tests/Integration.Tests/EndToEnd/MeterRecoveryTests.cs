using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using MQTTnet;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// Crash recovery: a silo killed with SIGKILL mid-stream loses nothing. The restarted meter restores its last
/// snapshot and replays the readings stored after it, so it ends where a meter that never crashed ends.
/// </summary>
public sealed class MeterRecoveryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The stream, one reading per minute m at T0 + m min (T0 a quarter-hour, about 90 minutes ago):
    /// <list type="bullet">
    /// <item>m 0–29 import 1200 W with import register 5000 + 20·m Wh; m 20 is held back.</item>
    /// <item>m 20 arrives late (after the restart, inside the 15-minute reorder window) with 2400 W.</item>
    /// <item>m 30–50 export 600 W; the import register restarts (raw 2 Wh: a reset).</item>
    /// <item>m 50–70 nothing: a 20-minute gap (longer than MaxGap, 10 min).</item>
    /// <item>m 70–80 import 300 W with raw register 2 + 5·(m − 70); m 75 arrives late with 900 W and no register;
    /// then m 76 again (identical: a duplicate) and m 77 with other values (a conflict).</item>
    /// </list>
    /// Hand calculation (Wh = W·min / 60):
    /// import: m 0–29 at 1200 W is 29 min · 20 Wh = 580; m 20 at 2400 W turns the 19–21 interval (40 Wh) into
    /// 2 · (1200 + 2400)/2 W · 1 min = 60 Wh, +20 → 600. m 29 → 30 goes from +1200 to −600 W: zero crossing after
    /// 1200/1800 · 60 s = 40 s; import ½·1200·40 = 24000 W·s = 6.6667 Wh, export ½·600·20 = 6000 W·s = 1.6667 Wh.
    /// m 70–80 at 300 W is 10 · 5 = 50 Wh; m 75 at 900 W turns 74–76 (10 Wh) into 2 · 600 W · 1 min = 20 Wh, +10 → 60.
    /// Import 600 + 6.6667 + 60 = 666.6667 Wh. Export 1.6667 + 20 min · 10 Wh = 201.6667 Wh.
    /// Register: 5000 → 5580 (m 29), reset to raw 2 (corrected 5582), then +50 to raw 52 (corrected 5632):
    /// register import 5632 − 5000 = 632 Wh.
    /// Accepted: 29 + 1 (m 20) + 21 (m 30–50) + 11 (m 70–80) = 62; duplicate and conflict are not accepted readings.
    /// </summary>
    [Fact]
    public async Task A_meter_killed_mid_stream_ends_exactly_where_a_meter_that_never_crashed_ends()
    {
        var database = await TestDatabase.CreateAsync("recovery");
        var cluster = $"recovery-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            // A snapshot after every 25 changes (readings and alerts) and never by time: the kill finds readings stored after it.
            ["Meters__SnapshotEveryReadings"] = "25",
            ["Meters__SnapshotInterval"] = "01:00:00",
        };
        var now = DateTimeOffset.UtcNow;
        var t0 = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.FromMinutes(15).Ticks, TimeSpan.Zero).AddMinutes(-90);
        var partOne = Enumerable.Range(0, 30).Where(m => m != 20).Select(m => Reading(t0, m, 1200, 0, 5000 + 20 * m)).ToList();
        var partTwo = new List<string> { Reading(t0, 20, 2400, 0, null) };
        partTwo.AddRange(Enumerable.Range(30, 21).Select(m => Reading(t0, m, 0, 600, 2)));
        partTwo.AddRange(Enumerable.Range(70, 11).Where(m => m != 75).Select(m => Reading(t0, m, 300, 0, 2 + 5 * (m - 70))));
        partTwo.Add(Reading(t0, 75, 900, 0, null));
        partTwo.Add(Reading(t0, 76, 300, 0, 32));
        partTwo.Add(Reading(t0, 77, 999, 0, 37));

        // The restarted silo takes the same ports, as a restarted process on the same host does: it declares its
        // killed predecessor (same address, older generation) dead at once instead of waiting for votes.
        var ports = SiloPorts.Allocate();
        await using (var silo = await SiloProcess.StartAsync(database, cluster, ports, settings))
        {
            using var mqtt = await MeterReadingSliceTests.ConnectAsync(silo.Ports.Mqtt);
            // 25 readings (one snapshot), then 4 more that only the reading store holds when the silo dies.
            await PublishAllAsync(mqtt, "crashed", partOne[..25]);
            await WaitAcceptedAsync(silo, "crashed", 25);
            await PublishAllAsync(mqtt, "crashed", partOne[25..]);
            await WaitAcceptedAsync(silo, "crashed", 29);
            await silo.KillAsync();
        }

        var snapshotAccepted = await TestDatabase.ScalarAsync<long>(database,
            "SELECT (convert_from(payloadbinary, 'UTF8')::jsonb ->> 'readingsAccepted')::bigint FROM orleansstorage WHERE grainidextensionstring = @m AND graintypestring = 'meter'",
            ("m", "crashed"));
        // The count policy wrote a snapshot after 25 changes (the readings, and the offline alert the first old reading
        // raised); the readings after it were only in the reading store when the silo died.
        Assert.InRange(snapshotAccepted, 24, 25);

        await using var restarted = await SiloProcess.StartAsync(database, cluster, ports, settings);

        // Before anything new arrives, the replay alone restores the 4 readings the snapshot missed:
        // 29 readings, 29 minutes at 1200 W (m 19 → 21 is one 2-minute interval) = 580 Wh.
        var recovered = await WaitAcceptedAsync(restarted, "crashed", 29);
        Assert.Equal(580, recovered.GetProperty("integratedImportWh").GetDouble(), 6);
        Assert.Equal(580, recovered.GetProperty("registerImportWh").GetDouble(), 6);

        using var mqttAfter = await MeterReadingSliceTests.ConnectAsync(restarted.Ports.Mqtt);
        await PublishAllAsync(mqttAfter, "crashed", partTwo);
        await PublishAllAsync(mqttAfter, "control", [.. partOne, .. partTwo]);
        var crashed = await WaitAcceptedAsync(restarted, "crashed", 62);
        var control = await WaitAcceptedAsync(restarted, "control", 62);

        foreach (var meter in new[] { crashed, control })
        {
            Assert.Equal(2000.0 / 3, meter.GetProperty("integratedImportWh").GetDouble(), 6);
            Assert.Equal(605.0 / 3, meter.GetProperty("integratedExportWh").GetDouble(), 6);
            Assert.Equal(632, meter.GetProperty("registerImportWh").GetDouble(), 6);
            Assert.Equal(52, meter.GetProperty("importRegisterWh").GetDouble());
            Assert.Equal(300, meter.GetProperty("importPowerW").GetDouble());
            Assert.Equal(1, meter.GetProperty("gaps").GetInt64());
            Assert.Equal(1200, meter.GetProperty("gapSeconds").GetDouble(), 6);
            Assert.Equal(0, meter.GetProperty("readingsRejected").GetInt64());
        }

        var rawRows = await TestDatabase.ScalarAsync<long>(database,
            "SELECT count(*) FROM meter_readings WHERE meter_id = @m", ("m", "crashed"));
        Assert.Equal(62, rawRows);
    }

    [Fact]
    public async Task A_changed_snapshot_is_written_behind_within_the_snapshot_interval_without_more_readings()
    {
        var database = await TestDatabase.CreateAsync("writebehind");
        var settings = new Dictionary<string, string>
        {
            ["Meters__SnapshotEveryReadings"] = "1000",
            ["Meters__SnapshotInterval"] = "00:00:02",
        };
        await using var silo = await SiloProcess.StartAsync(database, $"writebehind-{Guid.NewGuid():N}", settings: settings);
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(silo.Ports.Mqtt);
        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30);
        await PublishAllAsync(mqtt, "behind", [.. Enumerable.Range(0, 3).Select(i => Reading(t, 0, 100 + i, 0, null).Replace(t.ToString("O"), t.AddSeconds(i).ToString("O"), StringComparison.Ordinal))]);
        await WaitAcceptedAsync(silo, "behind", 3);

        // Far fewer changes than SnapshotEveryReadings: only the interval (2 s, swept by the silo's meter watch) writes it.
        await Eventually.UntilAsync(
            async () => await TestDatabase.ScalarAsync<long?>(database,
                "SELECT (convert_from(payloadbinary, 'UTF8')::jsonb ->> 'readingsAccepted')::bigint FROM orleansstorage WHERE grainidextensionstring = @m AND graintypestring = 'meter'",
                ("m", "behind")) == 3,
            TimeSpan.FromSeconds(30),
            "the snapshot of meter behind holds its 3 readings");
    }

    private static string Reading(DateTimeOffset t0, int minute, double importW, double exportW, double? registerWh)
    {
        var register = registerWh is { } r ? $",\"importRegisterWh\":{r}" : string.Empty;
        return $$"""{"ts":"{{t0.AddMinutes(minute):O}}","importPowerW":{{importW}},"exportPowerW":{{exportW}}{{register}}}""";
    }

    private static async Task PublishAllAsync(IMqttClient mqtt, string meterId, IEnumerable<string> readings)
    {
        foreach (var reading in readings)
        {
            await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", reading);
        }
    }

    private static async Task<JsonElement> WaitAcceptedAsync(SiloProcess silo, string meterId, long accepted)
    {
        var meter = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await silo.Http.GetAsync($"/api/v1/meters/{meterId}");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            },
            m => m?.GetProperty("readingsAccepted").GetInt64() == accepted,
            Deadline,
            $"meter {meterId} shows {accepted} accepted readings");
        return meter.GetValueOrDefault();
    }
}
