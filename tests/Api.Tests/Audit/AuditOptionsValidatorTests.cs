using MeterGrains.Api.Audit;

namespace MeterGrains.Api.Tests.Audit;

public sealed class AuditOptionsValidatorTests
{
    private static readonly AuditOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid_and_keep_a_year() =>
        Assert.Equal((true, 365), (Validator.Validate(null, new AuditOptions()).Succeeded, new AuditOptions().RetentionDays));

    [Theory]
    [InlineData(0, true)]
    [InlineData(36_500, true)]
    [InlineData(-1, false)]
    [InlineData(36_501, false)]
    public void Retention_days_run_from_zero_for_ever_to_a_hundred_years(int days, bool valid) =>
        Assert.Equal(valid, Validator.Validate(null, new AuditOptions { RetentionDays = days }).Succeeded);

    [Fact]
    public void A_sweep_interval_under_a_minute_fails_naming_its_key()
    {
        var failures = Validator.Validate(null, new AuditOptions { RetentionSweepInterval = TimeSpan.FromSeconds(5) }).Failures!;
        Assert.StartsWith("Audit:RetentionSweepInterval must be from 00:01:00", Assert.Single(failures));
    }
}
