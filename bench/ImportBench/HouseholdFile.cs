using System.Globalization;
using System.Text;

namespace MeterGrains.Bench;

/// <summary>
/// The benchmark's file: 30 days × 24 hours × 4 appliances of a synthetic household, <c>timestamp,appliance,kwh</c>,
/// with a daily and weekly rhythm, ±20 % noise (fixed seed) and a few injected anomalies, starting Monday 7 September 2026, UTC.
/// </summary>
internal static class HouseholdFile
{
    public static readonly DateTime Start = new(2026, 9, 7, 0, 0, 0, DateTimeKind.Unspecified);

    public static readonly string[] Appliances = ["AC", "EV", "Fridge", "Lighting"];

    /// <summary>
    /// Injected anomalies (day from the start, hour, appliance, kWh): the AC at 3 a.m. on a Thursday (less than its
    /// every-evening peak), the car charging at 3 a.m. on a Thursday, the fridge off for three hours on a Tuesday.
    /// </summary>
    public static readonly (int Day, int Hour, string Appliance, double Kwh)[] Injected =
    [
        (10, 3, "AC", 2.5),
        (17, 3, "EV", 7.0),
        (22, 12, "Fridge", 0),
        (22, 13, "Fridge", 0),
        (22, 14, "Fridge", 0),
    ];

    public static byte[] Create(int days)
    {
        var random = new Random(2880);
        var text = new StringBuilder("timestamp,appliance,kwh\n");
        for (var h = 0; h < days * 24; h++)
        {
            var at = Start.AddHours(h);
            var weekend = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            foreach (var appliance in Appliances)
            {
                var level = Level(appliance, at.Hour, weekend);
                var kwh = level * (1 + (0.2 * ((2 * random.NextDouble()) - 1)));
                foreach (var injected in Injected.Where(a => a.Day == h / 24 && a.Hour == h % 24 && a.Appliance == appliance))
                {
                    kwh = injected.Kwh;
                }

                text.Append(at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                    .Append(appliance).Append(',')
                    .Append(kwh.ToString("0.000", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static double Level(string appliance, int hour, bool weekend) => appliance switch
    {
        // Cooling in the afternoon and evening, from midday at weekends.
        "AC" => hour is >= 14 and <= 21 || (weekend && hour is >= 11 and < 14) ? 2.5 + (hour == 18 ? 2.0 : 0) : 0.3,
        // Charging after the commute on weekdays, late morning at weekends.
        "EV" => weekend ? (hour is >= 10 and <= 12 ? 7.0 : 0.05) : (hour is >= 19 and <= 22 ? 7.0 : 0.05),
        "Fridge" => 0.08 + (hour is >= 12 and <= 18 ? 0.03 : 0),
        // Mornings on weekdays, evenings every day.
        "Lighting" => (hour is >= 18 and <= 23 ? 0.4 : 0.05) + (!weekend && hour is 6 or 7 ? 0.3 : 0),
        _ => 0,
    };
}
