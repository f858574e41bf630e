using System.Text.Json;
using MeterGrains.Simulator.Formats;

namespace MeterGrains.Simulator.Tests.Formats;

public sealed class GenericJsonFormatTests
{
    [Fact]
    public void One_reading_is_one_object_with_export_as_a_positive_export_power()
    {
        var format = new GenericJsonFormat("sim", meters: 10, batch: 1);

        var message = Assert.Single(format.Format(Readings.Exporting(7, Readings.At)));

        Assert.Equal("meters/sim-00007/reading", message.Topic);
        // −250.5 W signed: import 0, export 250.5; registers to the mWh (1234.5678 → 1234.568); voltage to 0.1 V.
        Assert.Equal(
            """{"ts":"2024-11-22T10:06:40.520Z","importPowerW":0,"exportPowerW":250.5,"importRegisterWh":1234.568,"exportRegisterWh":89,"voltageV":231,"powerFactor":0.99}""",
            message.PayloadText);
        Assert.Equal(1, message.Readings);
    }

    [Fact]
    public void A_batch_waits_for_K_readings_of_one_meter_and_the_rest_leaves_at_the_flush()
    {
        var format = new GenericJsonFormat("sim", meters: 2, batch: 2);

        Assert.Empty(format.Format(Readings.Exporting(1, Readings.At)));
        Assert.Empty(format.Format(Readings.Exporting(0, Readings.At))); // another meter's batch, not meter 1's
        var full = Assert.Single(format.Format(Readings.Exporting(1, Readings.At.AddSeconds(5))));
        var rest = Assert.Single(format.Flush());

        Assert.Equal("meters/sim-00001/reading", full.Topic);
        Assert.Equal(2, full.Readings);
        using var batch = JsonDocument.Parse(full.Payload);
        Assert.Equal(["2024-11-22T10:06:40.520Z", "2024-11-22T10:06:45.520Z"], batch.RootElement.EnumerateArray().Select(r => r.GetProperty("ts").GetString()));

        Assert.Equal("meters/sim-00000/reading", rest.Topic);
        Assert.Equal(1, rest.Readings);
        using var single = JsonDocument.Parse(rest.Payload);
        Assert.Equal(JsonValueKind.Array, single.RootElement.ValueKind);
        Assert.Empty(format.Flush());
    }
}
