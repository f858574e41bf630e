namespace MeterGrains.Simulator;

/// <summary>
/// A plausible household at the grid connection: base load, morning and evening peaks, and
/// for some households PV that exports around midday. Deterministic per meter seed, plus noise.
/// </summary>
internal sealed class HouseholdProfile(int seed)
{
    private readonly Random _random = new(seed);
    private readonly double _baseLoadW = 150 + seed % 7 * 40;
    private readonly double _pvPeakW = seed % 3 == 0 ? 0 : 2500 + seed % 5 * 600;

    public double NetPowerW(DateTimeOffset at)
    {
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;
        var evening = 1800 * Bump(hour, 19, 1.5);
        var morning = 700 * Bump(hour, 7.5, 1.0);
        var pv = _pvPeakW * Math.Max(0, Math.Cos((hour - 12.5) / 5.5 * Math.PI / 2));
        var noise = _random.NextDouble() * 80 - 40;
        return Math.Round(_baseLoadW + evening + morning - pv + noise, 1);
    }

    private static double Bump(double hour, double centre, double width) =>
        Math.Exp(-Math.Pow((hour - centre) / width, 2));
}
