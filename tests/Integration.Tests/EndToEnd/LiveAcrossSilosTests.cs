using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>The dashboard's API process and the meter's grain on different silos: the push crosses the cluster.</summary>
public sealed class LiveAcrossSilosTests
{
    [Fact]
    public async Task A_meter_on_a_grains_silo_pushes_to_a_dashboard_on_an_api_only_silo()
    {
        var database = await TestDatabase.CreateAsync("live2");
        var cluster = $"live2-{Guid.NewGuid():N}";
        await using var grainsSilo = await SiloProcess.StartAsync(database, cluster,
            settings: new Dictionary<string, string> { ["Roles"] = "grains,gateway" });
        await using var apiSilo = await SiloProcess.StartAsync(database, cluster,
            settings: new Dictionary<string, string> { ["Roles"] = "api" });

        var meterId = $"far-{Guid.NewGuid():N}"[..16];
        await using var dashboard = await LiveHubClient.ConnectAsync(apiSilo, SiloProcess.OperatorApiKey);
        await dashboard.Connection.InvokeAsync("SubscribeMeter", meterId);

        var t = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(grainsSilo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", $$"""{"ts":"{{t:O}}","importPowerW":321.5}""");

        var update = await dashboard.WaitForAsync("meterUpdated", m => m.GetProperty("readingsAccepted").GetInt64() == 1,
            $"meterUpdated of {meterId} pushed from the grains silo");
        Assert.Equal(321.5, update.GetProperty("importPowerW").GetDouble());
        Assert.Equal(t, update.GetProperty("lastReadingAt").GetDateTimeOffset());
    }
}
