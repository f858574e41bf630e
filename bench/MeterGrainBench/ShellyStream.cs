using MeterGrains.Meters;

namespace MeterGrains.Bench;

/// <summary>
/// Readings as a Shelly EM publishing every 10 s sends them (after the gateway's mapping): net power split into
/// import and export with 0.1 W resolution, both registers with 0.1 Wh resolution, voltage, current, power factor
/// and frequency; timestamps 10 s apart with up to 250 ms of jitter. One meter in five has PV and exports part of
/// the time. Deterministic per meter index.
/// </summary>
internal static class ShellyStream
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static MeterReading[] For(int meter, DateTimeOffset start, int count)
    {
        var random = new Random(meter);
        double importWh = 1_000_000 + random.Next(0, 5_000_000);
        var exportWh = (double)random.Next(0, 2_000_000);
        var pvW = meter % 5 == 0 ? 900.0 : 0.0;
        var baseW = 200 + random.Next(0, 600);
        var phase = random.NextDouble() * Math.Tau;
        var readings = new MeterReading[count];
        for (var i = 0; i < count; i++)
        {
            var net = Math.Round(baseW + (300 * Math.Sin(phase + (i / 30.0))) + (random.NextDouble() * 50) - pvW, 1);
            var import = net > 0 ? net : 0;
            var export = net < 0 ? -net : 0;
            importWh += import * Interval.TotalHours;
            exportWh += export * Interval.TotalHours;
            var voltage = Math.Round(229 + (random.NextDouble() * 3), 1);
            readings[i] = new MeterReading(
                start + (i * Interval) + TimeSpan.FromMilliseconds(random.Next(0, 250)),
                import,
                export,
                Math.Round(importWh, 1),
                Math.Round(exportWh, 1),
                voltage,
                Math.Round(Math.Abs(net) / voltage, 2),
                Math.Round(0.9 + (random.NextDouble() * 0.1), 2),
                Math.Round(49.95 + (random.NextDouble() * 0.1), 2));
        }

        return readings;
    }
}
