using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>A silo process started, stopped and misconfigured as an operator would.</summary>
public sealed class SiloLifecycleTests
{
    [Fact]
    public async Task A_meter_keeps_its_state_across_a_graceful_silo_restart()
    {
        var database = await TestDatabase.CreateAsync("restart");
        var cluster = $"restart-{Guid.NewGuid():N}";
        var ports = SiloPorts.Allocate();
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 180);

        await using (var silo = await SiloProcess.StartAsync(database, cluster, ports))
        {
            using var mqtt = await MeterReadingSliceTests.ConnectAsync(ports.Mqtt);
            // -100 W (export) for 60 s then +200 W: 0 .. 60 s is 6000 W·s exported; 60 .. 120 s crosses zero
            // at 20 s: export ½·100·20 = 1000 W·s, import ½·200·40 = 4000 W·s.
            await MeterReadingSliceTests.PublishAsync(mqtt, "meters/restart-1/reading", $$"""{"ts":"{{t0:O}}","exportPowerW":100}""");
            await MeterReadingSliceTests.PublishAsync(mqtt, "meters/restart-1/reading", $$"""{"ts":"{{t0.AddSeconds(60):O}}","exportPowerW":100}""");
            await MeterReadingSliceTests.PublishAsync(mqtt, "meters/restart-1/reading", $$"""{"ts":"{{t0.AddSeconds(120):O}}","importPowerW":200}""");
            await Eventually.ReturnsAsync(
                () => silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/meters/restart-1"),
                m => m.GetProperty("readingsAccepted").GetInt64() == 3,
                TimeSpan.FromSeconds(30),
                "the meter has its 3 readings before the restart");
            await silo.StopAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(database, cluster, SiloPorts.Allocate());
        var meter = await restarted.Http.GetFromJsonAsync<JsonElement>("/api/v1/meters/restart-1");
        Assert.Equal(3, meter.GetProperty("readingsAccepted").GetInt64());
        Assert.Equal(4000.0 / 3600, meter.GetProperty("integratedImportWh").GetDouble(), 6);
        Assert.Equal(7000.0 / 3600, meter.GetProperty("integratedExportWh").GetDouble(), 6);
    }

    [Theory]
    [InlineData("Roles", "bogus", "Roles")]
    [InlineData("Orleans__SiloPort", "70000", "Orleans:SiloPort")]
    [InlineData("Meters__MaxGap", "-00:00:10", "Meters:MaxGap")]
    [InlineData("Auth__ApiKeys__0__Role", "admin", "Auth:ApiKeys:0:Role")]
    [InlineData("Auth__ApiKeys__1__Key", "short", "Auth:ApiKeys:1:Key")]
    [InlineData("Privacy__PseudonymSecret", "short", "Privacy:PseudonymSecret")]
    [InlineData("ReverseProxy__KnownNetworks__0", "10.244.0.1/16", "ReverseProxy:KnownNetworks:0")]
    [InlineData("Audit__RetentionDays", "-1", "Audit:RetentionDays")]
    [InlineData("DeadLetters__RetentionSweepInterval", "00:00:05", "DeadLetters:RetentionSweepInterval")]
    public async Task A_bad_setting_fails_start_up_naming_the_key(string key, string value, string named)
    {
        var database = await TestDatabase.CreateAsync("badconfig");
        await using var silo = SiloProcess.Launch(database, $"bad-{Guid.NewGuid():N}", SiloPorts.Allocate(), new Dictionary<string, string> { [key] = value });
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, silo.Output);
    }

    [Fact]
    public async Task A_missing_connection_string_fails_start_up_naming_the_key()
    {
        await using var silo = SiloProcess.Launch(null, $"noconn-{Guid.NewGuid():N}", SiloPorts.Allocate());
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:Postgres", silo.Output);
    }
}
