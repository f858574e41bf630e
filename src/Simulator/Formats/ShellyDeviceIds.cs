namespace MeterGrains.Simulator.Formats;

/// <summary>
/// The 12 hex digits of a simulated Shelly's id (its MAC address on a real one): 6 from the fleet seed, 6 from the
/// meter index, so ids are unique in a fleet and the same for the same seed.
/// </summary>
internal static class ShellyDeviceIds
{
    public static string Hex12(int seed, int meterIndex) => $"{SeedPart(seed):X6}{meterIndex & 0xFFFFFF:X6}";

    // Spreads small seeds apart; seed 0 keeps 000000 so hand-written test ids stay readable.
    private static uint SeedPart(int seed) => unchecked((uint)seed * 2654435761u) & 0xFFFFFF;
}
