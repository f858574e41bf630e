namespace MeterGrains.Simulator.Tests;

public sealed class SimulatorSettingsTests
{
    [Fact]
    public void Without_a_rate_each_meter_reads_once_per_interval()
    {
        var settings = SimulatorSettings.Parse(["--meters", "30", "--interval", "2"]);

        Assert.Equal(15, settings.Rate); // 30 meters / 2 s
    }

    [Theory]
    [InlineData("--host", "192.168.1.10", "loopback")]
    [InlineData("--format", "shelly-gen3", "--format")]
    [InlineData("--qos", "2", "--qos")]
    public void A_bad_option_is_refused_by_name(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => SimulatorSettings.Parse([name, value]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_are_for_generic_JSON_only()
    {
        var error = Assert.Throws<ArgumentException>(() => SimulatorSettings.Parse(["--format", "shelly-gen1", "--batch", "10"]));

        Assert.Contains("--batch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_that_would_read_one_meter_more_than_100_times_a_second_is_refused()
    {
        // 2 meters at 201/s: 100.5 readings/s each.
        var error = Assert.Throws<ArgumentException>(() => SimulatorSettings.Parse(["--meters", "2", "--rate", "201"]));

        Assert.Contains("raise --meters", error.Message, StringComparison.Ordinal);
    }
}
