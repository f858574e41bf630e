using MeterGrains.Domain;

namespace MeterGrains.Grains.Tests.Domain.Anomalies;

public sealed class PowerProfileTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_new_profile_is_240_bytes_with_every_hour_empty()
    {
        var packed = PowerProfile.Create();
        Assert.Equal(240, packed.Length);
        for (var hour = 0; hour < 24; hour++)
        {
            Assert.True(PowerProfile.Read(packed, hour).IsEmpty);
        }
    }

    [Fact]
    public void The_first_reading_sets_the_mean_and_later_ones_move_it_by_their_time_weight()
    {
        var packed = PowerProfile.Create();
        PowerProfile.Add(packed, 3, 100, TimeSpan.Zero, Minute);
        Assert.Equal(new HourProfile(100, 0, 0), PowerProfile.Read(packed, 3));

        // Held 60 s with a memory of 60 s: α = 60 / (60 + 60) = 0.5. d = 200 − 100 = 100;
        // mean = 100 + 0.5 × 100 = 150; variance = (1 − 0.5) × (0 + 0.5 × 100²) = 2500 (σ = 50); observed 0 + 60 s.
        PowerProfile.Add(packed, 3, 200, Minute, Minute);
        Assert.Equal(new HourProfile(150, 2500, 60), PowerProfile.Read(packed, 3));
        Assert.Equal(50, PowerProfile.Read(packed, 3).StandardDeviationW);

        // Held 180 s: α = 180 / 240 = 0.75. d = −50 − 150 = −200; mean = 150 − 150 = 0;
        // variance = 0.25 × (2500 + 0.75 × 40000) = 0.25 × 32500 = 8125; observed 60 + 180 = 240 s.
        PowerProfile.Add(packed, 3, -50, TimeSpan.FromSeconds(180), Minute);
        Assert.Equal(new HourProfile(0, 8125, 240), PowerProfile.Read(packed, 3));

        // The other hours did not move.
        Assert.True(PowerProfile.Read(packed, 2).IsEmpty);
        Assert.True(PowerProfile.Read(packed, 4).IsEmpty);
    }

    [Fact]
    public void Observed_time_stops_at_the_16_bit_limit()
    {
        var packed = PowerProfile.Create();
        PowerProfile.Add(packed, 23, 10, TimeSpan.FromSeconds(65_000), Minute);
        PowerProfile.Add(packed, 23, 10, TimeSpan.FromSeconds(1_000), Minute);
        // 65,000 + 1,000 = 66,000 s, capped at 65,535.
        Assert.Equal(65_535, PowerProfile.Read(packed, 23).ObservedSeconds);
    }
}
