using System.Security.Claims;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Privacy;
using MeterGrains.Households;
using MeterGrains.Live;
using MeterGrains.Meters;

namespace MeterGrains.Api.Analytics;

/// <summary>
/// Maps the subject a caller names to the meter or household it means. Processing apps name pseudonyms; operators
/// name ids, or pseudonyms (an id is tried first).
/// </summary>
public sealed class AnalyticsSubjects(IGrainFactory grains, Pseudonyms pseudonyms)
{
    /// <summary>
    /// The meter (one that sent readings) or the defined household that <paramref name="named"/> stands for, a meter
    /// first when an id is both; null when it is neither.
    /// </summary>
    public async Task<LiveTopic?> ResolveAsync(ClaimsPrincipal caller, string named, CancellationToken cancellationToken)
    {
        if (caller.IsProcessor())
        {
            return await pseudonyms.ResolveAsync(named, cancellationToken) is { } id ? await SubjectAsync(id) : null;
        }

        return await SubjectAsync(named)
            ?? (await pseudonyms.ResolveAsync(named, cancellationToken) is { } resolved ? await SubjectAsync(resolved) : null);
    }

    /// <summary>
    /// The id to filter stored results by: for a processing app the id behind its pseudonym (null when there is none),
    /// for an operator the id named, or the one behind a pseudonym.
    /// </summary>
    public async Task<string?> FilterIdAsync(ClaimsPrincipal caller, string named, CancellationToken cancellationToken) =>
        caller.IsProcessor()
            ? await pseudonyms.ResolveAsync(named, cancellationToken)
            : await pseudonyms.ResolveAsync(named, cancellationToken) ?? named;

    private async Task<LiveTopic?> SubjectAsync(string id)
    {
        if ((await grains.GetGrain<IMeterGrain>(id).GetStateAsync()).Exists)
        {
            return LiveTopic.Meter(id);
        }

        return await grains.GetGrain<IHouseholdGrain>(id).GetAsync() is not null ? LiveTopic.Household(id) : null;
    }
}
