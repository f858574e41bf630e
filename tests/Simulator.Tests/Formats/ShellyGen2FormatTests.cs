using System.Text.Json;
using MeterGrains.Simulator.Formats;

namespace MeterGrains.Simulator.Tests.Formats;

public sealed class ShellyGen2FormatTests
{
    [Fact]
    public void The_first_reading_is_a_full_status_with_power_and_registers()
    {
        var format = new ShellyGen2Format(seed: 0, meters: 4);

        var message = Assert.Single(format.Format(Readings.Exporting(3, Readings.At)));

        Assert.Equal("shellypro3em-000000000003/events/rpc", message.Topic);
        using var json = JsonDocument.Parse(message.Payload);
        var root = json.RootElement;
        Assert.Equal("NotifyFullStatus", root.GetProperty("method").GetString());
        Assert.Equal("shellypro3em-000000000003", root.GetProperty("src").GetString());
        var parameters = root.GetProperty("params");
        Assert.Equal(1732270000.52, parameters.GetProperty("ts").GetDouble());
        var em = parameters.GetProperty("em:0");
        Assert.Equal(-250.5, em.GetProperty("total_act_power").GetDouble());
        Assert.Equal(-125.25, em.GetProperty("a_act_power").GetDouble());
        Assert.Equal(50, em.GetProperty("a_freq").GetDouble());
        // |−125.25| / 0.99 = 126.515… VA → 126.5; current 126.515 / 231.04 V = 0.5476 A → 0.548.
        Assert.Equal(126.5, em.GetProperty("a_aprt_power").GetDouble());
        Assert.Equal(0.548, em.GetProperty("a_current").GetDouble());
        var emdata = parameters.GetProperty("emdata:0");
        Assert.Equal(1234.57, emdata.GetProperty("total_act").GetDouble());
        Assert.Equal(89, emdata.GetProperty("total_act_ret").GetDouble());
        Assert.Equal(617.28, emdata.GetProperty("a_total_act_energy").GetDouble());
    }

    [Fact]
    public void Later_readings_carry_the_powers_and_the_registers_once_a_minute()
    {
        var format = new ShellyGen2Format(seed: 0, meters: 1);
        format.Format(Readings.Exporting(0, Readings.At));

        // 10:06:50.000 is still the minute of 10:06:40.52 (the registers went out with the full status).
        var sameMinute = Assert.Single(format.Format(Readings.Exporting(0, Readings.At.AddSeconds(9.48))));
        // 10:07:00.25 begins a new minute: the registers come along.
        var nextMinute = Assert.Single(format.Format(Readings.Exporting(0, Readings.At.AddSeconds(19.73))));

        Assert.Equal(
            """{"src":"shellypro3em-000000000000","dst":"shellypro3em-000000000000/events","method":"NotifyStatus","params":{"ts":1732270010,"em:0":{"id":0,"a_act_power":-125.25,"b_act_power":-75.15,"c_act_power":-50.1,"total_act_power":-250.5}}}""",
            sameMinute.PayloadText);
        using var json = JsonDocument.Parse(nextMinute.Payload);
        var parameters = json.RootElement.GetProperty("params");
        Assert.Equal("NotifyStatus", json.RootElement.GetProperty("method").GetString());
        Assert.Equal(1732270020.25, parameters.GetProperty("ts").GetDouble());
        Assert.Equal(1234.57, parameters.GetProperty("emdata:0").GetProperty("total_act").GetDouble());
        Assert.True(parameters.TryGetProperty("em:0", out _));
    }
}
