using MeterGrains.Meters;

namespace MeterGrains.Domain;

/// <summary>
/// A 32-bit hash of every value of a reading, stable across processes (FNV-1a over the bit patterns; not
/// <see cref="HashCode"/>, which is seeded per process), so a persisted window still recognises duplicates.
/// </summary>
public static class ReadingFingerprint
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static int Of(MeterReading r)
    {
        var hash = OffsetBasis;
        foreach (var value in (ReadOnlySpan<double?>)[r.ImportPowerW, r.ExportPowerW, r.ImportRegisterWh, r.ExportRegisterWh, r.VoltageV, r.CurrentA, r.PowerFactor, r.FrequencyHz])
        {
            // A missing value hashes differently from every number, 0 included.
            var bits = value is { } v ? BitConverter.DoubleToInt64Bits(v == 0 ? 0 : v) : unchecked((long)0x7FF8_DEAD_BEEF_0001);
            for (var i = 0; i < 8; i++)
            {
                hash = (hash ^ (byte)(bits >> (8 * i))) * Prime;
            }
        }

        return unchecked((int)(hash ^ (hash >> 32)));
    }
}
