using MeterGrains.Alerts;
using MeterGrains.Households;

namespace MeterGrains.Grains.Tests.Households;

public sealed class FlowAlertsTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Import_and_export_thresholds_raise_their_own_alerts()
    {
        var alerts = new FlowAlerts("h1", new HouseholdPreferences(
            new PowerThreshold(3000, TimeSpan.FromSeconds(30)),
            new PowerThreshold(4000, TimeSpan.Zero),
            Tariff: null));

        Assert.Empty(alerts.Observe(new HouseholdFlow(3500, 0, 0, 3500, T)));
        var high = alerts.Observe(new HouseholdFlow(3500, 0, 0, 3500, T.AddSeconds(30)));
        var export = alerts.Observe(new HouseholdFlow(0, 4200, 6000, 1800, T.AddSeconds(40)));

        var importHigh = Assert.Single(high);
        Assert.Equal(AlertKinds.GridImportHigh, importHigh.Kind);
        Assert.Equal("h1", importHigh.Subject);
        Assert.Equal(AlertSeverities.Warning, importHigh.Severity);
        Assert.Equal(T.AddSeconds(30), importHigh.Ts);
        Assert.Equal("Household h1 drew more than 3000 W from the grid for 30 s.", importHigh.Message);

        // Import fell to 0 (normal) and export jumped over its limit with no sustain, in the same update.
        Assert.Equal(
            [(AlertKinds.GridImportNormal, T.AddSeconds(40)), (AlertKinds.GridExportHigh, T.AddSeconds(40))],
            export.Select(a => (a.Kind, a.Ts)));
    }

    [Fact]
    public void Without_thresholds_or_without_a_flow_time_nothing_is_raised()
    {
        Assert.Empty(new FlowAlerts("h1", HouseholdPreferences.None).Observe(new HouseholdFlow(1e6, 0, 0, 1e6, T)));
        Assert.Empty(new FlowAlerts("h1", new HouseholdPreferences(new PowerThreshold(1, TimeSpan.Zero), null, null))
            .Observe(HouseholdFlow.Empty));
    }
}
