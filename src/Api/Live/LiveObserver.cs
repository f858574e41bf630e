using MeterGrains.Alerts;
using MeterGrains.Households;
using MeterGrains.Live;
using MeterGrains.Meters;

namespace MeterGrains.Api.Live;

/// <summary>
/// This process's one observer of the grains its dashboards watch: grains push to it one-way, and it hands each
/// change to the <see cref="LivePublisher"/> (and a meter's change to its <see cref="MeterChangeSignals"/> followers).
/// Registered with the grains by <see cref="LiveSubscriptions"/>.
/// </summary>
public sealed class LiveObserver(LivePublisher publisher, MeterChangeSignals followers) : ILiveObserver
{
    public Task MeterUpdatedAsync(MeterLiveState state, DateTimeOffset ts)
    {
        followers.Notify(state.MeterId);
        publisher.PublishUpdate(LiveTopic.Meter(state.MeterId), MeterUpdate.From(state, ts));
        return Task.CompletedTask;
    }

    public Task HouseholdUpdatedAsync(string householdId, HouseholdFlow flow, DateTimeOffset ts)
    {
        publisher.PublishUpdate(LiveTopic.Household(householdId), HouseholdUpdate.From(householdId, flow, ts));
        return Task.CompletedTask;
    }

    public Task AlertRaisedAsync(LiveTopic topic, Alert alert)
    {
        publisher.PublishAlert(topic, alert);
        return Task.CompletedTask;
    }
}
