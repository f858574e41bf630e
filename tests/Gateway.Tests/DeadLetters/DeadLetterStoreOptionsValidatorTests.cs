using MeterGrains.Gateway.DeadLetters;

namespace MeterGrains.Gateway.Tests.DeadLetters;

public sealed class DeadLetterStoreOptionsValidatorTests
{
    private static readonly DeadLetterStoreOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid_and_keep_thirty_days() =>
        Assert.Equal((true, 30), (Validator.Validate(null, new DeadLetterStoreOptions()).Succeeded, new DeadLetterStoreOptions().RetentionDays));

    [Theory]
    [InlineData(0, true)]
    [InlineData(36_500, true)]
    [InlineData(-1, false)]
    [InlineData(36_501, false)]
    public void Retention_days_run_from_zero_for_ever_to_a_hundred_years(int days, bool valid) =>
        Assert.Equal(valid, Validator.Validate(null, new DeadLetterStoreOptions { RetentionDays = days }).Succeeded);

    [Fact]
    public void A_sweep_interval_over_a_day_fails_naming_its_key()
    {
        var failures = Validator.Validate(null, new DeadLetterStoreOptions { RetentionSweepInterval = TimeSpan.FromDays(2) }).Failures!;
        Assert.StartsWith("DeadLetters:RetentionSweepInterval must be from 00:01:00", Assert.Single(failures));
    }
}
