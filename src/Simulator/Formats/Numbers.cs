using System.Globalization;

namespace MeterGrains.Simulator.Formats;

/// <summary>Rounding and invariant text for the values devices send.</summary>
internal static class Numbers
{
    /// <summary>Rounded half away from zero, and never −0 (which would print as "-0").</summary>
    public static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero) + 0.0;

    /// <summary>The plain number text of a Gen1 topic: "-250.5", "1234.57", "0".</summary>
    public static string Text(double value, int decimals) =>
        Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
}
