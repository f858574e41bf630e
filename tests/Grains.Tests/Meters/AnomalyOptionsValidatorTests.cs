using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Meters;

public sealed class AnomalyOptionsValidatorTests
{
    private readonly AnomalyOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new AnomalyOptions()).Succeeded);
    }

    [Fact]
    public void Each_bad_value_is_refused_naming_its_key()
    {
        var result = _validator.Validate(null, new AnomalyOptions
        {
            SpikeScore = 0,
            SpikeFloorW = double.NaN,
            ProfileMemory = TimeSpan.Zero,
            ProfileWarmUp = TimeSpan.FromHours(19),
            RegisterStalledAfterWh = -1,
            DeadPhaseVoltageV = 0,
            PhaseDeadAfter = TimeSpan.FromSeconds(-1),
        });

        Assert.True(result.Failed);
        foreach (var key in new[]
                 {
                     "Anomalies:SpikeScore", "Anomalies:SpikeFloorW", "Anomalies:ProfileMemory", "Anomalies:ProfileWarmUp",
                     "Anomalies:RegisterStalledAfterWh", "Anomalies:DeadPhaseVoltageV", "Anomalies:PhaseDeadAfter",
                 })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith(key + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_warm_up_of_18_hours_fits_the_16_bit_counter_and_a_second_more_does_not()
    {
        // 65,535 s = 18 h 12 min 15 s.
        Assert.True(_validator.Validate(null, new AnomalyOptions { ProfileWarmUp = TimeSpan.FromSeconds(65_535) }).Succeeded);
        Assert.True(_validator.Validate(null, new AnomalyOptions { ProfileWarmUp = TimeSpan.FromSeconds(65_536) }).Failed);
    }
}
