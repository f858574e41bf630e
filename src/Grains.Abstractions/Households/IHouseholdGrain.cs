using MeterGrains.Alerts;
using MeterGrains.Energy;
using MeterGrains.Live;
using Orleans.Concurrency;

namespace MeterGrains.Households;

/// <summary>
/// One household, keyed by its id; it aggregates the live flow of its meters. Watchable (<see cref="ILiveSource"/>):
/// pushes its flow when it changes and the alerts of its meters.
/// </summary>
[Alias("MeterGrains.IHouseholdGrain")]
public interface IHouseholdGrain : ILiveSource
{
    /// <summary>Creates or replaces the household's metadata and assigns its meters their roles.</summary>
    [Alias("PutAsync")]
    Task PutAsync(HouseholdDefinition definition);

    /// <summary>The household, or null when it was never defined.</summary>
    [Alias("GetAsync")]
    Task<HouseholdView?> GetAsync();

    /// <summary>
    /// Replaces the household's preferences (alert thresholds, tariff). Fails when the household is not defined or the
    /// preferences break <see cref="HouseholdPreferenceRules"/>.
    /// </summary>
    [Alias("SetPreferencesAsync")]
    Task SetPreferencesAsync(HouseholdPreferences preferences);

    /// <summary>The household's preferences (<see cref="HouseholdPreferences.None"/> when never set), or null when it was never defined.</summary>
    [Alias("GetPreferencesAsync")]
    Task<HouseholdPreferences?> GetPreferencesAsync();

    /// <summary>A meter of this household reports its latest power (pushed, not polled).</summary>
    [Alias("ReportPowerAsync"), OneWay]
    Task ReportPowerAsync(MeterPower power);

    /// <summary>A meter of this household raised an alert, for the household's watchers (one-way).</summary>
    [Alias("ReportAlertAsync"), OneWay]
    Task ReportAlertAsync(Alert alert);

    /// <summary>
    /// Every bucket of <paramref name="query"/>'s range, oldest first, combined from the energy of the household's grid
    /// and production meters. Empty when the household was never defined.
    /// </summary>
    [Alias("GetEnergyAsync")]
    Task<IReadOnlyList<HouseholdEnergyBucket>> GetEnergyAsync(EnergyQuery query);
}
