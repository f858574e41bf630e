using MeterGrains.Simulator.Households;

namespace MeterGrains.Simulator.Tests.Formats;

/// <summary>Hand-made readings for the format tests.</summary>
internal static class Readings
{
    /// <summary>2024-11-22T10:06:40.52Z is Unix 1732270000.52 (1732233600 is that day's midnight, plus 10 h 6 min 40 s = 36400 s).</summary>
    public static readonly DateTimeOffset At = new(2024, 11, 22, 10, 6, 40, 520, TimeSpan.Zero);

    public static MeterReading Exporting(int meterIndex, DateTimeOffset at) => new(
        meterIndex,
        at,
        Grid: new ChannelReading(PowerW: -250.5, ImportRegisterWh: 1234.5678, ExportRegisterWh: 89.0, VoltageV: 231.04, PowerFactor: 0.99),
        Production: new ChannelReading(PowerW: -3000, ImportRegisterWh: 0, ExportRegisterWh: 4567.891, VoltageV: 231.04, PowerFactor: 0.99));
}
