using System.Buffers;
using System.Text.Json;
using MeterGrains.Simulator.Households;

namespace MeterGrains.Simulator.Formats;

/// <summary>
/// Shelly Gen2+ Pro 3EM (three-phase profile) on <c>{deviceId}/events/rpc</c>: a <c>NotifyFullStatus</c> with
/// <c>em:0</c> and <c>emdata:0</c> first, then a <c>NotifyStatus</c> with the changed <c>em:0</c> powers per reading,
/// carrying <c>emdata:0</c> too when a new minute has begun since the last registers were sent (devices send them
/// every minute). <c>params.ts</c> is Unix seconds with two decimals, as devices send it.
/// </summary>
internal sealed class ShellyGen2Format(int seed, int meters) : IReadingFormat
{
    private const int PowerDecimals = 2;
    private const int RegisterDecimals = 2;
    private const double FrequencyHz = 50;

    private readonly long?[] _registersSentInMinute = new long?[meters];

    public string DeviceIdOf(int meterIndex) => "shellypro3em-" + ShellyDeviceIds.Hex12(seed, meterIndex).ToLowerInvariant();

    public string MeterIdOf(int meterIndex) => DeviceIdOf(meterIndex);

    public IReadOnlyList<OutgoingMessage> Format(MeterReading reading)
    {
        var deviceId = DeviceIdOf(reading.MeterIndex);
        var unixMs = reading.Timestamp.ToUnixTimeMilliseconds();
        var minute = Math.DivRem(unixMs, 60_000).Quotient;
        var lastMinute = _registersSentInMinute[reading.MeterIndex];
        var isFirst = lastMinute is null;
        var withRegisters = isFirst || minute > lastMinute;
        if (withRegisters)
        {
            _registersSentInMinute[reading.MeterIndex] = minute;
        }

        var buffer = new ArrayBufferWriter<byte>(isFirst ? 1024 : 320);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("src", deviceId);
            json.WriteString("dst", deviceId + "/events");
            json.WriteString("method", isFirst ? "NotifyFullStatus" : "NotifyStatus");
            json.WritePropertyName("params");
            json.WriteStartObject();
            json.WriteNumber("ts", Numbers.Round(unixMs / 1000.0, 2));
            WriteEm(json, reading.Grid, full: isFirst);
            if (withRegisters)
            {
                WriteEmData(json, reading.Grid);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return [new OutgoingMessage($"{deviceId}/events/rpc", buffer.WrittenSpan.ToArray(), 1)];
    }

    public IReadOnlyList<OutgoingMessage> Flush() => [];

    private static void WriteEm(Utf8JsonWriter json, ChannelReading grid, bool full)
    {
        var (a, b, c) = ThreePhases.Split(grid.PowerW, PowerDecimals);
        json.WritePropertyName("em:0");
        json.WriteStartObject();
        json.WriteNumber("id", 0);
        if (!full)
        {
            json.WriteNumber("a_act_power", a);
            json.WriteNumber("b_act_power", b);
            json.WriteNumber("c_act_power", c);
            json.WriteNumber("total_act_power", Numbers.Round(grid.PowerW, PowerDecimals));
            json.WriteEndObject();
            return;
        }

        var voltage = Numbers.Round(grid.VoltageV, 1);
        var totalCurrent = 0.0;
        foreach (var (phase, power) in new[] { ("a", a), ("b", b), ("c", c) })
        {
            var apparent = Math.Abs(power) / grid.PowerFactor;
            var current = Numbers.Round(apparent / grid.VoltageV, 3);
            totalCurrent += current;
            json.WriteNumber(phase + "_current", current);
            json.WriteNumber(phase + "_voltage", voltage);
            json.WriteNumber(phase + "_act_power", power);
            json.WriteNumber(phase + "_aprt_power", Numbers.Round(apparent, 1));
            json.WriteNumber(phase + "_pf", Numbers.Round(grid.PowerFactor, 2));
            json.WriteNumber(phase + "_freq", FrequencyHz);
        }

        json.WriteNull("n_current");
        json.WriteNumber("total_current", Numbers.Round(totalCurrent, 3));
        json.WriteNumber("total_act_power", Numbers.Round(grid.PowerW, PowerDecimals));
        json.WriteNumber("total_aprt_power", Numbers.Round(Math.Abs(grid.PowerW) / grid.PowerFactor, 1));
        json.WriteEndObject();
    }

    private static void WriteEmData(Utf8JsonWriter json, ChannelReading grid)
    {
        var import = ThreePhases.Split(grid.ImportRegisterWh, RegisterDecimals);
        var export = ThreePhases.Split(grid.ExportRegisterWh, RegisterDecimals);
        json.WritePropertyName("emdata:0");
        json.WriteStartObject();
        json.WriteNumber("id", 0);
        json.WriteNumber("a_total_act_energy", import.A);
        json.WriteNumber("a_total_act_ret_energy", export.A);
        json.WriteNumber("b_total_act_energy", import.B);
        json.WriteNumber("b_total_act_ret_energy", export.B);
        json.WriteNumber("c_total_act_energy", import.C);
        json.WriteNumber("c_total_act_ret_energy", export.C);
        json.WriteNumber("total_act", Numbers.Round(grid.ImportRegisterWh, RegisterDecimals));
        json.WriteNumber("total_act_ret", Numbers.Round(grid.ExportRegisterWh, RegisterDecimals));
        json.WriteEndObject();
    }
}
