using MeterGrains.Alerts;
using MeterGrains.Households;
using MeterGrains.Meters;
using Orleans.Concurrency;

namespace MeterGrains.Live;

/// <summary>
/// Receives the live changes of the grains it watches (one per API process, see <see cref="ILiveSource"/>).
/// Every method is one-way: a grain never waits on a dashboard.
/// </summary>
[Alias("MeterGrains.ILiveObserver")]
public interface ILiveObserver : IGrainObserver
{
    /// <summary>A watched meter changed; <paramref name="ts"/> is when.</summary>
    [Alias("MeterUpdated"), OneWay]
    Task MeterUpdatedAsync(MeterLiveState state, DateTimeOffset ts);

    /// <summary>The live flow of a watched household changed; <paramref name="ts"/> is when.</summary>
    [Alias("HouseholdUpdated"), OneWay]
    Task HouseholdUpdatedAsync(string householdId, HouseholdFlow flow, DateTimeOffset ts);

    /// <summary>An alert for the watchers of <paramref name="topic"/>.</summary>
    [Alias("AlertRaised"), OneWay]
    Task AlertRaisedAsync(LiveTopic topic, Alert alert);
}
