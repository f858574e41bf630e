namespace MeterGrains.Gateway.Decoding;

/// <summary>The sign rule of domain.md for devices that report one signed active power.</summary>
public static class SignedPower
{
    /// <summary>
    /// Splits a signed power <paramref name="watts"/> (positive: drawing from the grid) into
    /// <c>importPowerW = max(p, 0)</c> and <c>exportPowerW = max(−p, 0)</c>.
    /// </summary>
    public static (double ImportPowerW, double ExportPowerW) Split(double watts) =>
        // Written out rather than Math.Max so that −0.0 becomes +0.0 on both sides.
        (watts > 0 ? watts : 0, watts < 0 ? -watts : 0);
}
