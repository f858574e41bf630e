using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using MQTTnet;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// Shelly meters as the gateway meets them: Gen1 per-value topics and Gen2 JSON-RPC notifications published by a real
/// MQTT client to the silo's embedded broker, read back from <c>GET /api/v1/meters/{meterId}</c>.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class ShellyTrafficTests(SingleSiloFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gen1_em_values_become_one_reading_when_the_assembly_window_closes()
    {
        var device = $"shellyem-{RandomHex()}";
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt);
        foreach (var (value, text) in new[] { ("power", "-250.5"), ("voltage", "230.4"), ("pf", "-0.97"), ("total", "5000.5"), ("total_returned", "1200.25"), ("energy", "99") })
        {
            await MeterReadingSliceTests.PublishAsync(mqtt, $"shellies/{device}/emeter/0/{value}", text);
        }

        await MeterReadingSliceTests.PublishAsync(mqtt, $"shellies/{device}/online", "true");

        // Nothing else is published: the reading leaves when its 2 s window closes.
        var meter = await WaitForReadingsAsync($"{device}:0", 1);
        // Sign rule: p = −250.5 W → import 0, export 250.5.
        Assert.Equal(0, meter.GetProperty("importPowerW").GetDouble());
        Assert.Equal(250.5, meter.GetProperty("exportPowerW").GetDouble());
        Assert.Equal(5000.5, meter.GetProperty("importRegisterWh").GetDouble());
        Assert.Equal(1200.25, meter.GetProperty("exportRegisterWh").GetDouble());
        Assert.Equal(0, meter.GetProperty("readingsRejected").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfMeterAsync($"{device}:1"));
    }

    [Fact]
    public async Task Gen1_3em_phases_are_summed_into_the_device_meter()
    {
        var device = $"shellyem3-{RandomHex()}";
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt);
        string[][] phases = [["1000.5", "100.1"], ["-200.25", "200.2"], ["50", "300.3"]];
        for (var phase = 0; phase < phases.Length; phase++)
        {
            await MeterReadingSliceTests.PublishAsync(mqtt, $"shellies/{device}/emeter/{phase}/power", phases[phase][0]);
            await MeterReadingSliceTests.PublishAsync(mqtt, $"shellies/{device}/emeter/{phase}/total", phases[phase][1]);
        }

        var meter = await WaitForReadingsAsync(device, 1);
        // 1000.5 − 200.25 + 50 = 850.25 W imported; 100.1 + 200.2 + 300.3 = 600.6 Wh.
        Assert.Equal(850.25, meter.GetProperty("importPowerW").GetDouble(), 9);
        Assert.Equal(0, meter.GetProperty("exportPowerW").GetDouble());
        Assert.Equal(600.6, meter.GetProperty("importRegisterWh").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, meter.GetProperty("exportRegisterWh").ValueKind);
    }

    [Fact]
    public async Task Gen2_notify_status_is_overlaid_on_the_full_status_and_timed_by_the_device()
    {
        var device = $"shellyproem50-{RandomHex()}";
        // Device time with a fractional second, 60 s and 30 s before now.
        var t0Seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        var t0 = $"{t0Seconds}.5";
        var t1 = $"{t0Seconds + 30}.5";
        var t2 = $"{t0Seconds + 45}.5";
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(fixture.Silo.Ports.Mqtt);

        await MeterReadingSliceTests.PublishAsync(mqtt, $"{device}/events/rpc", $$$"""
            {"src":"{{{device}}}","dst":"{{{device}}}/events","method":"NotifyFullStatus","params":{"ts":{{{t0}}},
             "em1:0":{"id":0,"current":0.52,"voltage":230.1,"act_power":100.0,"aprt_power":119.6,"pf":0.84,"freq":50.0,"calibration":"factory"},
             "em1data:0":{"id":0,"total_act_energy":8000.5,"total_act_ret_energy":120.25},
             "switch:0":{"id":0,"output":false},"sys":{"uptime":4242}}
            }
            """);
        // Only what changed: the power, and the imported register.
        await MeterReadingSliceTests.PublishAsync(mqtt, $"{device}/events/rpc", $$$"""
            {"src":"{{{device}}}","dst":"{{{device}}}/events","method":"NotifyStatus","params":{"ts":{{{t1}}},
             "em1:0":{"id":0,"act_power":300.0},"em1data:0":{"id":0,"total_act_energy":8002.25}}
            }
            """);
        // Only the current changed: overlaid on what is known, the reading still carries the 300 W.
        await MeterReadingSliceTests.PublishAsync(mqtt, $"{device}/events/rpc", $$$"""
            {"src":"{{{device}}}","dst":"{{{device}}}/events","method":"NotifyStatus","params":{"ts":{{{t2}}},"em1:0":{"id":0,"current":1.31}}
            }
            """);

        var meter = await WaitForReadingsAsync($"{device}:0", 3);
        Assert.Equal(300, meter.GetProperty("importPowerW").GetDouble());
        Assert.Equal(0, meter.GetProperty("exportPowerW").GetDouble());
        Assert.Equal(8002.25, meter.GetProperty("importRegisterWh").GetDouble());
        Assert.Equal(120.25, meter.GetProperty("exportRegisterWh").GetDouble());
        // Trapezoids over the device's times: (100 + 300) / 2 W × 30 s = 6000 W·s, then 300 W × 15 s = 4500 W·s;
        // 10500 W·s / 3600 = 2.9166667 Wh. Without the overlay the last reading would carry no power and add nothing.
        Assert.Equal(10500.0 / 3600, meter.GetProperty("integratedImportWh").GetDouble(), 6);
        Assert.Equal(0, meter.GetProperty("integratedExportWh").GetDouble());
        // Register: 8002.25 − 8000.5 = 1.75 Wh.
        Assert.Equal(1.75, meter.GetProperty("registerImportWh").GetDouble(), 6);
        Assert.Equal(
            DateTimeOffset.FromUnixTimeSeconds(t0Seconds + 45).AddMilliseconds(500),
            meter.GetProperty("lastReadingAt").GetDateTimeOffset());
        Assert.Equal(0, meter.GetProperty("readingsRejected").GetInt64());
    }

    private async Task<JsonElement> WaitForReadingsAsync(string meterId, long count) =>
        (await Eventually.ReturnsAsync(
            () => TryGetMeterAsync(meterId),
            m => m?.GetProperty("readingsAccepted").GetInt64() == count,
            Deadline,
            $"meter {meterId} shows {count} accepted readings")).GetValueOrDefault();

    private async Task<JsonElement?> TryGetMeterAsync(string meterId)
    {
        using var response = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpStatusCode> StatusOfMeterAsync(string meterId)
    {
        using var response = await fixture.Silo.Http.GetAsync($"/api/v1/meters/{meterId}");
        return response.StatusCode;
    }

    private static string RandomHex() => Guid.NewGuid().ToString("N")[..12].ToUpper(CultureInfo.InvariantCulture);
}
