namespace MeterGrains.Simulator.Households;

/// <summary>
/// The shape of one household's day at its grid connection, without noise: a base load, a morning and an evening
/// peak, and PV production around solar noon (13:00 local time). Net power is consumption minus production, so a PV
/// household exports at midday.
/// </summary>
/// <param name="BaseLoadW">Always-on consumption (fridge, standby).</param>
/// <param name="MorningPeakW">Height of the morning bump at 07:30.</param>
/// <param name="EveningPeakW">Height of the evening bump at <paramref name="EveningPeakHour"/>.</param>
/// <param name="EveningPeakHour">Local hour of the evening peak (fractional).</param>
/// <param name="PvPeakW">PV output at solar noon; 0 for a household without PV.</param>
internal sealed record HouseholdProfile(double BaseLoadW, double MorningPeakW, double EveningPeakW, double EveningPeakHour, double PvPeakW)
{
    private const double SolarNoonHour = 13.0;
    private const double PvHalfDayHours = 6.5;

    /// <summary>A plausible household drawn from <paramref name="random"/>; about 60 % have PV.</summary>
    public static HouseholdProfile Draw(Random random) => new(
        BaseLoadW: 120 + random.NextDouble() * 180,
        MorningPeakW: 300 + random.NextDouble() * 600,
        EveningPeakW: 1000 + random.NextDouble() * 1500,
        EveningPeakHour: 18 + random.NextDouble() * 2,
        PvPeakW: random.NextDouble() < 0.6 ? 2500 + random.NextDouble() * 3500 : 0);

    public double ConsumptionW(double hourOfDay) =>
        BaseLoadW + MorningPeakW * Bump(hourOfDay, 7.5, 1.0) + EveningPeakW * Bump(hourOfDay, EveningPeakHour, 1.5);

    /// <summary>PV output: a cosine arch from 06:30 to 19:30, zero at night.</summary>
    public double ProductionW(double hourOfDay) =>
        PvPeakW * Math.Max(0, Math.Cos((hourOfDay - SolarNoonHour) / PvHalfDayHours * Math.PI / 2));

    /// <summary>Consumption minus production: positive draws from the grid, negative exports.</summary>
    public double NetPowerW(double hourOfDay) => ConsumptionW(hourOfDay) - ProductionW(hourOfDay);

    private static double Bump(double hour, double centre, double width) => Math.Exp(-Math.Pow((hour - centre) / width, 2));
}
