using System.Globalization;

namespace MeterGrains.Domain;

/// <summary>How alert messages write numbers and instants: invariant culture, UTC with a Z.</summary>
internal static class AlertText
{
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);
}
