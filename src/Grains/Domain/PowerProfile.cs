using System.Buffers.Binary;

namespace MeterGrains.Domain;

/// <summary>
/// A meter's own power profile: for each UTC hour of the day, the exponentially weighted mean and variance of its net
/// power, weighted by time so that a meter reporting every 10 s and one reporting every minute learn alike. Packed in 240
/// bytes (per hour: float mean, float variance, 16-bit observed seconds) because every active meter carries one.
/// </summary>
/// <remarks>
/// A reading that held for <c>dt</c> moves its hour's profile by the weight <c>α = dt / (memory + dt)</c> (the implicit
/// step of an exponential average with time constant <c>memory</c>): <c>d = x − mean</c>, <c>mean += α·d</c>,
/// <c>variance = (1 − α)·(variance + α·d²)</c>. The first reading of an hour sets its mean and a variance of 0.
/// </remarks>
public static class PowerProfile
{
    public const int Hours = 24;
    private const int BucketBytes = 10;
    public const int PackedBytes = Hours * BucketBytes;

    /// <summary>A profile with every hour empty.</summary>
    public static byte[] Create()
    {
        var packed = new byte[PackedBytes];
        for (var hour = 0; hour < Hours; hour++)
        {
            Write(packed, hour, new HourProfile(double.NaN, 0, 0));
        }

        return packed;
    }

    /// <summary>Whether <paramref name="packed"/> is a profile of this layout (a snapshot may hold anything).</summary>
    public static bool IsValid(byte[]? packed) => packed is { Length: PackedBytes };

    public static HourProfile Read(byte[] packed, int hour)
    {
        var bucket = packed.AsSpan(hour * BucketBytes, BucketBytes);
        return new HourProfile(
            BinaryPrimitives.ReadSingleLittleEndian(bucket),
            BinaryPrimitives.ReadSingleLittleEndian(bucket[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bucket[8..]));
    }

    /// <summary>Adds a net power of <paramref name="netPowerW"/> that held for <paramref name="heldFor"/> to <paramref name="hour"/>.</summary>
    public static void Add(byte[] packed, int hour, double netPowerW, TimeSpan heldFor, TimeSpan memory)
    {
        var profile = Read(packed, hour);
        var seconds = heldFor.TotalSeconds;
        var observed = (int)Math.Min(ushort.MaxValue, profile.ObservedSeconds + Math.Round(seconds));
        if (profile.IsEmpty)
        {
            Write(packed, hour, new HourProfile(netPowerW, 0, observed));
            return;
        }

        var alpha = seconds / (memory.TotalSeconds + seconds);
        var d = netPowerW - profile.MeanW;
        var mean = profile.MeanW + alpha * d;
        var variance = (1 - alpha) * (profile.VarianceW2 + alpha * d * d);
        Write(packed, hour, new HourProfile(mean, variance, observed));
    }

    private static void Write(byte[] packed, int hour, HourProfile profile)
    {
        var bucket = packed.AsSpan(hour * BucketBytes, BucketBytes);
        BinaryPrimitives.WriteSingleLittleEndian(bucket, (float)profile.MeanW);
        BinaryPrimitives.WriteSingleLittleEndian(bucket[4..], (float)profile.VarianceW2);
        BinaryPrimitives.WriteUInt16LittleEndian(bucket[8..], (ushort)profile.ObservedSeconds);
    }
}
