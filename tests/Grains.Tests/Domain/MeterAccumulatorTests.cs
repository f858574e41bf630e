using MeterGrains.Domain;
using MeterGrains.Meters;

namespace MeterGrains.Grains.Tests.Domain;

public sealed class MeterAccumulatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly MeterAccumulator _meter = new(new MeterSnapshot(), new MeterRules());

    private ReadingOutcome Apply(double seconds, double? import = null, double? export = null, double? importRegister = null) =>
        _meter.Apply(new MeterReading(T0.AddSeconds(seconds), import, export, importRegister), T0.AddMinutes(30));

    [Fact]
    public void Readings_in_order_integrate_net_power()
    {
        Apply(0, import: 600);
        Apply(60, import: 1200);
        // Trapezoid (600 + 1200) / 2 × 60 s = 54000 W·s = 15 Wh.
        Assert.Equal(15, _meter.Snapshot.IntegratedImportWh, 9);
        Assert.Equal(2, _meter.Snapshot.ReadingsAccepted);
    }

    [Fact]
    public void Missing_power_counterpart_is_zero()
    {
        // export only: 0 import, so net = -300 W for 120 s = 10 Wh exported.
        Apply(0, export: 300);
        Apply(120, export: 300);
        Assert.Equal(10, _meter.Snapshot.IntegratedExportWh, 9);
        Assert.Equal(0, _meter.Snapshot.IntegratedImportWh, 9);
    }

    [Fact]
    public void A_gap_longer_than_max_gap_is_counted_not_integrated()
    {
        Apply(0, import: 1000);
        Apply(601, import: 1000);
        Assert.Equal(0, _meter.Snapshot.IntegratedImportWh);
        Assert.Equal(1, _meter.Snapshot.Gaps);
        Assert.Equal(601, _meter.Snapshot.GapSeconds);
    }

    [Fact]
    public void An_exact_duplicate_changes_nothing_and_a_different_one_is_a_conflict()
    {
        Apply(0, import: 500);
        Apply(60, import: 500);
        Assert.Equal(ReadingOutcomeKind.Duplicate, Apply(60, import: 500).Kind);
        var conflict = Apply(60, import: 900);
        Assert.Equal(ReadingOutcomeKind.Conflict, conflict.Kind);
        Assert.NotNull(conflict.Reason);
        // Only the first copy counts: 500 W × 60 s = 30000 W·s.
        Assert.Equal(30000.0 / 3600, _meter.Snapshot.IntegratedImportWh, 9);
        Assert.Equal(500, _meter.Snapshot.ImportPowerW);
        Assert.Equal(2, _meter.Snapshot.ReadingsAccepted);
    }

    [Fact]
    public void A_negative_power_is_rejected_with_a_reason_and_the_meter_goes_on()
    {
        var outcome = Apply(0, import: -5);
        Assert.Equal(ReadingOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains("importPowerW", outcome.Reason);
        Assert.Equal(1, _meter.Snapshot.ReadingsRejected);
        Assert.Equal(ReadingOutcomeKind.Accepted, Apply(10, import: 5).Kind);
    }

    [Theory]
    [InlineData(100_001, "plausibility")]
    [InlineData(double.NaN, "finite")]
    [InlineData(double.PositiveInfinity, "finite")]
    public void Implausible_power_is_rejected(double power, string reasonPart)
    {
        var outcome = Apply(0, import: power);
        Assert.Equal(ReadingOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains(reasonPart, outcome.Reason);
    }

    [Fact]
    public void Timestamps_too_far_ahead_or_too_old_are_rejected()
    {
        var received = T0;
        Assert.Equal(ReadingOutcomeKind.Rejected, _meter.Apply(new MeterReading(received.AddMinutes(5).AddSeconds(1), 1), received).Kind);
        Assert.Equal(ReadingOutcomeKind.Rejected, _meter.Apply(new MeterReading(received.AddDays(-7).AddSeconds(-1), 1), received).Kind);
        Assert.Equal(ReadingOutcomeKind.Accepted, _meter.Apply(new MeterReading(received.AddMinutes(4), 1), received).Kind);
    }

    [Fact]
    public void Registers_are_reset_corrected()
    {
        Apply(0, importRegister: 10_000);
        Apply(60, importRegister: 10_020);
        Apply(120, importRegister: 4);
        // +20, then a reset that counted 4 Wh since 0: 24 Wh.
        Assert.Equal(24, _meter.Snapshot.ImportRegister.CorrectedWh - _meter.Snapshot.ImportRegister.FirstRawWh);
        Assert.Equal(4, _meter.Snapshot.ImportRegisterWh);
    }

    [Fact]
    public void A_reading_without_any_value_is_rejected()
    {
        Assert.Equal(ReadingOutcomeKind.Rejected, Apply(0).Kind);
    }
}
