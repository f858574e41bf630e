using MeterGrains.Api.Auth;
using MeterGrains.Households;
using MeterGrains.Live;
using MeterGrains.Meters;
using Microsoft.AspNetCore.SignalR;

namespace MeterGrains.Api.Live;

/// <summary>
/// <c>/hubs/live</c>: dashboards subscribe to meters and households and receive <c>meterUpdated</c>,
/// <c>householdUpdated</c> and <c>alert</c> (interfaces.md, SignalR). Operators may watch everything, a resident
/// their household and its meters; any other subscription fails with a <see cref="HubException"/> and sends nothing.
/// A subscription to a meter or household that exists starts with its current state.
/// </summary>
public sealed class LiveHub(IGrainFactory grains, LiveSubscriptions subscriptions, TimeProvider clock) : Hub
{
    public const string Path = "/hubs/live";

    public async Task SubscribeMeter(string meterId)
    {
        if (MeterIds.Explain(meterId) is { } problem)
        {
            throw new HubException(problem);
        }

        var state = await grains.GetGrain<IMeterGrain>(meterId).GetStateAsync();
        if (!Context.User!.MaySeeHousehold(state.HouseholdId))
        {
            throw new HubException($"Meter '{meterId}' is not yours to see.");
        }

        await SubscribeAsync(LiveTopic.Meter(meterId));
        if (state.Exists)
        {
            await Clients.Caller.SendAsync(LiveClientMethods.MeterUpdated, MeterUpdate.From(state, clock.GetUtcNow()));
        }
    }

    public Task UnsubscribeMeter(string meterId) => UnsubscribeAsync(LiveTopic.Meter(meterId));

    public async Task SubscribeHousehold(string householdId)
    {
        if (HouseholdIds.Explain(householdId) is { } problem)
        {
            throw new HubException(problem);
        }

        if (!Context.User!.MaySeeHousehold(householdId))
        {
            throw new HubException($"Household '{householdId}' is not yours to see.");
        }

        var view = await grains.GetGrain<IHouseholdGrain>(householdId).GetAsync();
        await SubscribeAsync(LiveTopic.Household(householdId));
        if (view is not null)
        {
            await Clients.Caller.SendAsync(LiveClientMethods.HouseholdUpdated, HouseholdUpdate.From(householdId, view.Flow, clock.GetUtcNow()));
        }
    }

    public Task UnsubscribeHousehold(string householdId) => UnsubscribeAsync(LiveTopic.Household(householdId));

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await subscriptions.DropConnectionAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    private async Task SubscribeAsync(LiveTopic topic)
    {
        // Group first: a change pushed while the grain registers this process already reaches the caller.
        await Groups.AddToGroupAsync(Context.ConnectionId, topic.ToString());
        if (!await subscriptions.SubscribeAsync(Context.ConnectionId, topic))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic.ToString());
            throw new HubException($"A connection may subscribe to at most {LiveSubscriptions.MaxTopicsPerConnection} meters and households.");
        }
    }

    private async Task UnsubscribeAsync(LiveTopic topic)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, topic.ToString());
        await subscriptions.UnsubscribeAsync(Context.ConnectionId, topic);
    }
}
