using MeterGrains.Simulator.Households;

namespace MeterGrains.Simulator.Formats;

/// <summary>
/// Shelly Gen1: one plain number per topic under <c>shellies/{deviceId}/emeter/{i}/</c>, no timestamp. Even meters are
/// a Shelly EM (<c>shellyem-…</c>: clamp 0 on the grid connection, clamp 1 on the PV circuit), odd meters a Shelly 3EM
/// (<c>shellyem3-…</c>: the grid connection split over three phases, which the cloud adds up again).
/// </summary>
internal sealed class ShellyGen1Format(int seed) : IReadingFormat
{
    private const int PowerDecimals = 2;
    private const int RegisterDecimals = 2;

    public static bool IsThreePhase(int meterIndex) => meterIndex % 2 == 1;

    public string DeviceIdOf(int meterIndex) =>
        (IsThreePhase(meterIndex) ? "shellyem3-" : "shellyem-") + ShellyDeviceIds.Hex12(seed, meterIndex);

    public string MeterIdOf(int meterIndex) => IsThreePhase(meterIndex) ? DeviceIdOf(meterIndex) : $"{DeviceIdOf(meterIndex)}:0";

    public IReadOnlyList<OutgoingMessage> Format(MeterReading reading)
    {
        var prefix = $"shellies/{DeviceIdOf(reading.MeterIndex)}/emeter/";
        var messages = new List<OutgoingMessage>(15);
        if (IsThreePhase(reading.MeterIndex))
        {
            var grid = reading.Grid;
            var power = ThreePhases.Split(grid.PowerW, PowerDecimals);
            var import = ThreePhases.Split(grid.ImportRegisterWh, RegisterDecimals);
            var export = ThreePhases.Split(grid.ExportRegisterWh, RegisterDecimals);
            AddChannel(messages, prefix + "0/", grid with { PowerW = power.A, ImportRegisterWh = import.A, ExportRegisterWh = export.A });
            AddChannel(messages, prefix + "1/", grid with { PowerW = power.B, ImportRegisterWh = import.B, ExportRegisterWh = export.B });
            AddChannel(messages, prefix + "2/", grid with { PowerW = power.C, ImportRegisterWh = import.C, ExportRegisterWh = export.C });
        }
        else
        {
            AddChannel(messages, prefix + "0/", reading.Grid);
            AddChannel(messages, prefix + "1/", reading.Production);
        }

        // The whole set is one device reading (an EM's clamp 1 makes a second meter in the cloud).
        messages[0] = messages[0] with { Readings = 1 };
        return messages;
    }

    public IReadOnlyList<OutgoingMessage> Flush() => [];

    private static void AddChannel(List<OutgoingMessage> messages, string channelPrefix, ChannelReading channel)
    {
        messages.Add(new OutgoingMessage(channelPrefix + "power", Numbers.Text(channel.PowerW, PowerDecimals), 0));
        messages.Add(new OutgoingMessage(channelPrefix + "total", Numbers.Text(channel.ImportRegisterWh, RegisterDecimals), 0));
        messages.Add(new OutgoingMessage(channelPrefix + "total_returned", Numbers.Text(channel.ExportRegisterWh, RegisterDecimals), 0));
        messages.Add(new OutgoingMessage(channelPrefix + "voltage", Numbers.Text(channel.VoltageV, 1), 0));
        messages.Add(new OutgoingMessage(channelPrefix + "pf", Numbers.Text(channel.PowerFactor, 2), 0));
    }
}
