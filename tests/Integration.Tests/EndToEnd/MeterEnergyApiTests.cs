using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary><c>GET /api/v1/meters/{meterId}/energy</c> over readings POSTed to the running silo.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class MeterEnergyApiTests(SingleSiloFixture fixture)
{
    private const double Precision = 1e-6;

    [Fact]
    public async Task Closed_and_open_quarter_hours_come_back_as_posted()
    {
        var meterId = $"energy-{Guid.NewGuid():N}"[..20];
        var h = ReadingsJson.RecentHour();
        // 1200 W for 45 minutes, a reading a minute; the register rises 20 Wh a minute.
        var posted = await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, ReadingsJson.ConstantPower(h, 45, "importPowerW", 1200, 10_000));
        Assert.Equal(46, posted.GetProperty("accepted").GetInt32());

        // With the default 15-minute reorder window, the newest reading (h+45) keeps everything from the reading before
        // h+30 (h+29) open: only [h, h+15) is closed and stored; [h+15, h+30) and [h+30, h+45) are in the grain's memory.
        var stored = await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM meter_buckets WHERE meter_id = @m AND bucket_start = @s", ("m", meterId), ("s", h));
        var storedAll = await TestDatabase.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM meter_buckets WHERE meter_id = @m", ("m", meterId));
        Assert.Equal((1L, 1L), (stored, storedAll));

        var energy = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/energy?from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddHours(1))}&interval=15m");
        Assert.Equal("15m", energy.GetProperty("interval").GetString());
        var buckets = energy.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal([h, h.AddMinutes(15), h.AddMinutes(30), h.AddMinutes(45)], buckets.Select(b => b.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal(h.AddMinutes(15), buckets[0].GetProperty("end").GetDateTimeOffset());
        for (var i = 0; i < 3; i++)
        {
            // 1200 W × 0.25 h = 300 Wh by the integral; the register rises 15 × 20 = 300 Wh.
            Assert.Equal(300, buckets[i].GetProperty("importWh").GetDouble(), Precision);
            Assert.Equal(0, buckets[i].GetProperty("exportWh").GetDouble(), Precision);
            Assert.Equal(300, buckets[i].GetProperty("registerImportWh").GetDouble(), Precision);
            Assert.Equal(JsonValueKind.Null, buckets[i].GetProperty("registerExportWh").ValueKind);
            Assert.True(buckets[i].GetProperty("complete").GetBoolean(), $"bucket {i} is complete");
        }

        // No reading after h+45: the last quarter-hour is empty and incomplete.
        Assert.Equal(0, buckets[3].GetProperty("importWh").GetDouble());
        Assert.Equal(JsonValueKind.Null, buckets[3].GetProperty("registerImportWh").ValueKind);
        Assert.False(buckets[3].GetProperty("complete").GetBoolean());

        // The hour sums the closed and the two open quarter-hours: 3 × 300 = 900 Wh, incomplete (its last quarter is
        // empty), so it has no register energy.
        var hour = Assert.Single((await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/energy?from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddHours(1))}&interval=1h"))
            .GetProperty("buckets").EnumerateArray());
        Assert.Equal(900, hour.GetProperty("importWh").GetDouble(), Precision);
        Assert.False(hour.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, hour.GetProperty("registerImportWh").ValueKind);
    }

    [Fact]
    public async Task Days_are_in_the_time_zone_asked_for_and_the_default_range_is_the_last_day()
    {
        var meterId = $"days-{Guid.NewGuid():N}"[..20];
        var h = ReadingsJson.RecentHour();
        await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, ReadingsJson.ConstantPower(h, 30, "exportPowerW", 600));

        // Asia/Tokyo is UTC+9 without DST: its days begin at 15:00Z, and h..h+30 lies within one of them.
        var tokyoDay = h.ToOffset(TimeSpan.FromHours(9)).Date;
        var dayStart = new DateTimeOffset(tokyoDay, TimeSpan.FromHours(9)).ToUniversalTime();
        var days = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/energy?interval=1d&tz=Asia/Tokyo&from={ReadingsJson.Iso(dayStart)}&to={ReadingsJson.Iso(dayStart.AddDays(1))}");
        Assert.Equal("Asia/Tokyo", days.GetProperty("timeZone").GetString());
        var day = Assert.Single(days.GetProperty("buckets").EnumerateArray());
        Assert.Equal(dayStart, day.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(dayStart.AddDays(1), day.GetProperty("end").GetDateTimeOffset());
        // 600 W exported for half an hour: 300 Wh.
        Assert.Equal(300, day.GetProperty("exportWh").GetDouble(), Precision);
        Assert.Equal(0, day.GetProperty("importWh").GetDouble(), Precision);
        Assert.False(day.GetProperty("complete").GetBoolean());

        // Without from and to: the 96 quarter-hours up to the end of the current one, which include h and h+15.
        var recent = (await ReadingsJson.GetAsync(fixture.Silo.Http, $"/api/v1/meters/{meterId}/energy"))
            .GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(96, recent.Count);
        Assert.True(recent[^1].GetProperty("end").GetDateTimeOffset() > DateTimeOffset.UtcNow, "the range ends after now");
        var atH = recent.Single(b => b.GetProperty("start").GetDateTimeOffset() == h);
        Assert.Equal(150, atH.GetProperty("exportWh").GetDouble(), Precision); // 600 W × 0.25 h
    }

    [Fact]
    public async Task A_leap_year_of_quarter_hours_is_one_request()
    {
        var meterId = $"leap-{Guid.NewGuid():N}"[..20];
        await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, $$"""{"importPowerW":1}""");
        // Two stored quarter-hours of 2024: 25 Wh on the leap day at noon, 40 Wh in the last quarter-hour of the year.
        var leapDayNoon = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);
        var lastQuarter = new DateTimeOffset(2024, 12, 31, 23, 45, 0, TimeSpan.Zero);
        await TestDatabase.ExecuteAsync(fixture.ConnectionString, """
            INSERT INTO meter_buckets (meter_id, bucket_start, import_wh, export_wh, register_import_wh, register_export_wh, complete)
            VALUES (@m, @a, 25, 0, 25, NULL, true), (@m, @b, 40, 0, NULL, NULL, false)
            """, ("m", meterId), ("a", leapDayNoon), ("b", lastQuarter));

        var year = await ReadingsJson.GetAsync(fixture.Silo.Http,
            $"/api/v1/meters/{meterId}/energy?from=2024-01-01T00:00:00Z&to=2025-01-01T00:00:00Z&interval=15m");

        // 366 days × 96 = 35,136 quarter-hours, every one present, oldest first; the leap day's noon is bucket
        // (31 + 28) × 96 + 12 × 4 = 5,712.
        var buckets = year.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(35_136, buckets.Count);
        Assert.Equal(leapDayNoon, buckets[5_712].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(25, buckets[5_712].GetProperty("importWh").GetDouble());
        Assert.Equal(25, buckets[5_712].GetProperty("registerImportWh").GetDouble());
        Assert.True(buckets[5_712].GetProperty("complete").GetBoolean());
        Assert.Equal(lastQuarter, buckets[^1].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(40, buckets[^1].GetProperty("importWh").GetDouble());
        Assert.Equal(JsonValueKind.Null, buckets[^1].GetProperty("registerImportWh").ValueKind);
        Assert.Equal(65, buckets.Sum(b => b.GetProperty("importWh").GetDouble()));
        Assert.Equal(1, buckets.Count(b => b.GetProperty("complete").GetBoolean()));
    }

    [Theory]
    [InlineData("interval=5m", "interval")]
    [InlineData("from=2026-11-22T10:07:00Z&to=2026-11-22T11:00:00Z", "from 2026-11-22T10:07:00Z is not a quarter-hour start")]
    [InlineData("from=2026-11-22T10:00:00Z&to=2026-11-22T10:30:00Z&interval=1h", "to 2026-11-22T10:30:00Z is not a whole UTC hour")]
    [InlineData("from=2026-11-22T00:00:00Z&to=2026-11-24T00:00:00Z&interval=1d&tz=Europe/Brussels", "not a midnight in Europe/Brussels")]
    [InlineData("from=2026-11-22T11:00:00Z&to=2026-11-22T10:00:00Z", "from must be before to")]
    [InlineData("tz=Mars/Olympus", "tz 'Mars/Olympus'")]
    [InlineData("from=2024-01-01T00:00:00Z&to=2025-01-01T00:15:00Z", "holds 35137 buckets of 15m; at most 35136 per request")]
    [InlineData("from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&interval=1d", "366 days")]
    [InlineData("from=yesterday", "from 'yesterday'")]
    [InlineData("from=2026-11-22T10:00:00", "ISO-8601 instant with an offset")]
    public async Task Bad_parameters_get_problem_details_naming_them(string query, string named)
    {
        var meterId = $"params-{Guid.NewGuid():N}"[..20];
        await ReadingsJson.PostAsync(fixture.Silo.Http, meterId, $$"""{"importPowerW":1}""");

        using var response = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterId}/energy?{query}");
        Assert.Contains(named, await ReadingsJson.ProblemAsync(response, 400));
    }

    [Fact]
    public async Task Unknown_and_invalid_meters()
    {
        using var unknown = await fixture.Silo.Http.GetAsync("/api/v1/meters/never-seen-energy/energy");
        Assert.Contains("never-seen-energy", await ReadingsJson.ProblemAsync(unknown, 404));

        using var invalid = await fixture.Silo.Http.GetAsync("/api/v1/meters/bad%20id!/energy");
        Assert.Contains("meterId", await ReadingsJson.ProblemAsync(invalid, 400));
    }
}
