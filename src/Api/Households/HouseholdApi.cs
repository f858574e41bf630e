using System.Globalization;
using System.Security.Claims;
using MeterGrains.Analytics.Series;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Cohorts;
using MeterGrains.Api.Energy;
using MeterGrains.Api.Forecasts;
using MeterGrains.Api.Privacy;
using MeterGrains.Households;
using MeterGrains.Imports.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Households;

/// <summary>
/// The household endpoints of <c>/api/v1/households</c>. Processing apps name a household by its pseudonym and are
/// shown pseudonyms for it and its meters, never the personal fields (<see cref="Pseudonyms"/>).
/// </summary>
public static class HouseholdApi
{
    public static RouteGroupBuilder MapHouseholdApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/households").WithTags("Households");
        group.MapGet("", ListHouseholdsAsync).WithName("ListHouseholds").RequireAuthorization(ApiPolicies.OperatorOrProcessor);
        group.MapPut("/{householdId}", PutHouseholdAsync).WithName("PutHousehold").RequireAuthorization(ApiPolicies.Operator);
        group.MapGet("/{householdId}", GetHouseholdAsync).WithName("GetHousehold");
        group.MapGet("/{householdId}/energy", GetEnergyAsync).WithName("GetHouseholdEnergy");
        group.MapGet("/{householdId}/forecast", GetForecastAsync).WithName("GetHouseholdForecast");
        group.MapPut("/{householdId}/preferences", PutPreferencesAsync).WithName("PutHouseholdPreferences");
        group.MapGet("/{householdId}/preferences", GetPreferencesAsync).WithName("GetHouseholdPreferences");
        return group;
    }

    /// <summary>Most households on one page of <see cref="ListHouseholdsAsync"/>, and the page size without <c>limit</c>.</summary>
    public const int MaxListLimit = 1_000;

    public const int DefaultListLimit = 100;

    /// <summary>
    /// The households of the directory, a page at a time (<c>after</c>: the <c>next</c> of the page before; <c>limit</c>
    /// 1–1,000, default 100), optionally of one <c>type</c> and <c>occupants</c>: ids in id order for operators,
    /// pseudonyms in pseudonym order for processing apps, so that an app can find the households to work on (their meters
    /// are in <c>GET /households/{pseudonym}</c>). Residents are refused: they have their one household.
    /// </summary>
    public static async Task<Results<Ok<HouseholdListResponse>, ProblemHttpResult>> ListHouseholdsAsync(
        HouseholdDirectoryReader directory, Pseudonyms pseudonyms, ClaimsPrincipal caller, CancellationToken cancellationToken,
        string? after = null, string? limit = null, string? type = null, string? occupants = null)
    {
        if (CohortFilter.Parse(type, occupants, out var invalid) is not { } filter)
        {
            return Problems.BadRequest(invalid!);
        }

        var pageSize = DefaultListLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxListLimit))
        {
            return Problems.BadRequest($"limit must be a whole number from 1 to {MaxListLimit} (is '{limit}')");
        }

        var processor = caller.IsProcessor();
        if (!string.IsNullOrEmpty(after) && processor && !PseudonymHash.HasForm(after))
        {
            return Problems.BadRequest($"after must be the next of a page before, a household pseudonym (is '{after}')");
        }

        var cursor = string.IsNullOrEmpty(after) ? null : after;
        var rows = processor
            ? await directory.ReadByPseudonymAsync(cursor, pageSize, filter, cancellationToken)
            : await directory.ReadByIdAsync(cursor, pageSize, filter, cancellationToken);

        // A pseudonym recorded under an earlier secret no longer names its household: left out (the household's next
        // PUT issues its current one). The page still moves on past it.
        var households = rows
            .Where(r => !processor || pseudonyms.Of(r.HouseholdId) == r.Key)
            .Select(r => new HouseholdListItem(r.Key, r.Type, r.Occupants, r.TimeZone))
            .ToList();
        return TypedResults.Ok(new HouseholdListResponse(households, rows.Count == pageSize ? rows[^1].Key : null));
    }

    public static async Task<Results<Ok<HouseholdResponse>, ProblemHttpResult>> PutHouseholdAsync(
        string householdId, HouseholdRequest request, IGrainFactory grains, Pseudonyms pseudonyms, CancellationToken cancellationToken)
    {
        if (ToDefinition(householdId, request, out var problem) is not { } definition)
        {
            return (Problems.BadRequest(problem!));
        }

        var household = grains.GetGrain<IHouseholdGrain>(householdId);
        await household.PutAsync(definition);

        // Issued now, so that a processing app given the pseudonym of this household or its meters can use it.
        await pseudonyms.IssueAllAsync([householdId, .. definition.Meters.Select(m => m.MeterId)], cancellationToken);
        var view = await household.GetAsync();
        return TypedResults.Ok(HouseholdResponse.From(view!, includePersonal: true));
    }

    public static async Task<Results<Ok<HouseholdResponse>, ProblemHttpResult>> GetHouseholdAsync(
        string householdId, IGrainFactory grains, Pseudonyms pseudonyms, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.MayRead(householdId))
        {
            return Problems.Forbidden($"Household '{householdId}' is not yours to see.");
        }

        if (HouseholdIds.Explain(householdId) is { } problem)
        {
            return (Problems.BadRequest(problem));
        }

        if (await pseudonyms.IdNamedByAsync(caller, householdId, cancellationToken) is not { } id)
        {
            return Problems.UnknownPseudonym(householdId);
        }

        var view = await grains.GetGrain<IHouseholdGrain>(id).GetAsync();
        if (view is null)
        {
            return Problems.NotFound($"Household '{householdId}' is not defined.");
        }

        var response = HouseholdResponse.From(view, includePersonal: caller.IsOperator());
        if (!caller.IsProcessor())
        {
            return TypedResults.Ok(response);
        }

        await pseudonyms.IssueAllAsync(response.Meters.Select(m => m.MeterId), cancellationToken);
        return TypedResults.Ok(response with
        {
            HouseholdId = householdId,
            Meters = [.. response.Meters.Select(m => m with { MeterId = pseudonyms.Of(m.MeterId) })],
        });
    }

    /// <summary>
    /// Household energy buckets of <c>interval</c> over <c>[from, to)</c> (see <see cref="EnergyQueryParser"/>), days in
    /// the household's time zone, combined from its grid and production meters.
    /// </summary>
    public static async Task<Results<Ok<HouseholdEnergyResponse>, ProblemHttpResult>> GetEnergyAsync(
        string householdId, string? from, string? to, string? interval, IGrainFactory grains, Pseudonyms pseudonyms, TimeProvider clock,
        ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.MayRead(householdId))
        {
            return Problems.Forbidden($"Household '{householdId}' is not yours to see.");
        }

        if (HouseholdIds.Explain(householdId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        if (await pseudonyms.IdNamedByAsync(caller, householdId, cancellationToken) is not { } id)
        {
            return Problems.UnknownPseudonym(householdId);
        }

        var household = grains.GetGrain<IHouseholdGrain>(id);
        if (await household.GetAsync() is not { } view)
        {
            return Problems.NotFound($"Household '{householdId}' is not defined.");
        }

        if (EnergyQueryParser.Parse(from, to, interval, view.Definition.TimeZone, clock.GetUtcNow(), out var problem) is not { } query)
        {
            return Problems.BadRequest(problem!);
        }

        var buckets = await household.GetEnergyAsync(query);
        return TypedResults.Ok(HouseholdEnergyResponse.Create(householdId, query, buckets));
    }

    /// <summary>
    /// The next 7 days of the household's grid connection: the hourly sum of its grid meters' stored history (the
    /// <c>importWh − exportWh</c> of <see cref="GetEnergyAsync"/>; production and sub-circuit meters are not summed),
    /// forecast as a meter's (see <c>MeterApi.GetForecastAsync</c>), per hour (<c>interval=1h</c>, default) or per local
    /// day (<c>1d</c>), in <c>tz</c>, else the household's zone.
    /// </summary>
    public static async Task<Results<Ok<HouseholdForecastResponse>, ProblemHttpResult>> GetForecastAsync(
        string householdId, string? interval, string? tz, IGrainFactory grains, HistoryForecaster forecaster, Pseudonyms pseudonyms,
        ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.MayRead(householdId))
        {
            return Problems.Forbidden($"Household '{householdId}' is not yours to see.");
        }

        if (HouseholdIds.Explain(householdId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        if (ForecastQuery.Explain(interval, tz) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        if (await pseudonyms.IdNamedByAsync(caller, householdId, cancellationToken) is not { } id)
        {
            return Problems.UnknownPseudonym(householdId);
        }

        if (await grains.GetGrain<IHouseholdGrain>(id).GetAsync() is not { } view)
        {
            return Problems.NotFound($"Household '{householdId}' is not defined.");
        }

        var grid = view.Definition.Meters.Where(m => m.Role == MeterRole.Grid).Select(m => m.MeterId).ToList();
        if (grid.Count == 0)
        {
            return Problems.NotFound($"Household '{householdId}' has no grid meter to forecast.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tz ?? view.Definition.TimeZone);
        var (forecast, missing) = await forecaster.ForecastSumAsync(grid, $"household '{householdId}'", new LocalCalendar(zone), cancellationToken);
        return forecast is null
            ? Problems.NotFound(missing!)
            : TypedResults.Ok(HouseholdForecastResponse.Create(householdId, grid.Count, interval, zone, forecast));
    }

    /// <summary>Replaces the household's preferences; operators, and residents for their own household.</summary>
    public static async Task<Results<Ok<PreferencesDocument>, ProblemHttpResult>> PutPreferencesAsync(
        string householdId, PreferencesDocument request, IGrainFactory grains, ClaimsPrincipal caller)
    {
        if (!caller.MaySeeHousehold(householdId))
        {
            return Problems.Forbidden($"Household '{householdId}' is not yours to change.");
        }

        if (HouseholdIds.Explain(householdId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        if (request.ToPreferences(out var problem) is not { } preferences)
        {
            return Problems.BadRequest(problem!);
        }

        var household = grains.GetGrain<IHouseholdGrain>(householdId);
        if (await household.GetPreferencesAsync() is null)
        {
            return Problems.NotFound($"Household '{householdId}' is not defined.");
        }

        await household.SetPreferencesAsync(preferences);
        return TypedResults.Ok(PreferencesDocument.From(preferences));
    }

    /// <summary>The household's preferences; operators, and residents for their own household.</summary>
    public static async Task<Results<Ok<PreferencesDocument>, ProblemHttpResult>> GetPreferencesAsync(
        string householdId, IGrainFactory grains, ClaimsPrincipal caller)
    {
        if (!caller.MaySeeHousehold(householdId))
        {
            return Problems.Forbidden($"Household '{householdId}' is not yours to see.");
        }

        if (HouseholdIds.Explain(householdId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        return await grains.GetGrain<IHouseholdGrain>(householdId).GetPreferencesAsync() is { } preferences
            ? TypedResults.Ok(PreferencesDocument.From(preferences))
            : Problems.NotFound($"Household '{householdId}' is not defined.");
    }

    private static HouseholdDefinition? ToDefinition(string householdId, HouseholdRequest request, out string? problem)
    {
        problem = HouseholdIds.Explain(householdId);
        if (problem is not null)
        {
            return null;
        }

        if (request.Type is null || request.Occupants is null || request.TimeZone is null)
        {
            problem = "type, occupants and timeZone are required";
            return null;
        }

        var meters = new List<HouseholdMeter>();
        foreach (var meter in request.Meters ?? [])
        {
            if (MeterRoles.Parse(meter.Role) is not { } role)
            {
                problem = $"meters: role of '{meter.MeterId}' must be grid, production or consumption (is '{meter.Role}')";
                return null;
            }

            meters.Add(new HouseholdMeter(meter.MeterId ?? string.Empty, role));
        }

        var definition = new HouseholdDefinition(
            request.Type, request.Occupants.Value, request.TimeZone, request.Tariff,
            new PersonalData(request.Name, request.Address, request.Email), meters);
        problem = HouseholdRules.Explain(definition);
        return problem is null ? definition : null;
    }
}
