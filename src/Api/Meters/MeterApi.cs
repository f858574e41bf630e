using System.Buffers;
using System.Security.Claims;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Energy;
using MeterGrains.Api.Forecasts;
using MeterGrains.Api.Privacy;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Mqtt;
using MeterGrains.Analytics.Series;
using MeterGrains.Households;
using MeterGrains.Imports.History;
using MeterGrains.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Meters;

/// <summary>
/// The meter endpoints of <c>/api/v1/meters</c>. Processing apps name a meter by its pseudonym and are shown pseudonyms
/// (<see cref="Pseudonyms"/>); everyone else uses ids.
/// </summary>
public static class MeterApi
{
    public static RouteGroupBuilder MapMeterApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/meters").WithTags("Meters");
        group.MapGet("/{meterId}", GetMeterAsync).WithName("GetMeter");
        group.MapGet("/{meterId}/energy", GetEnergyAsync).WithName("GetMeterEnergy");
        group.MapGet("/{meterId}/readings", GetReadingsAsync).WithName("GetMeterReadings");
        group.MapGet("/{meterId}/forecast", GetForecastAsync).WithName("GetMeterForecast");
        group.MapPost("/{meterId}/readings", PostReadingsAsync).WithName("PostMeterReadings").RequireAuthorization(ApiPolicies.Operator);
        return group;
    }

    public static async Task<Results<Ok<MeterResponse>, ProblemHttpResult>> GetMeterAsync(
        string meterId, IGrainFactory grains, Pseudonyms pseudonyms, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (MeterIds.Explain(meterId) is { } problem)
        {
            return (Problems.BadRequest(problem));
        }

        if (await pseudonyms.IdNamedByAsync(caller, meterId, cancellationToken) is not { } id)
        {
            return Problems.UnknownPseudonym(meterId);
        }

        var state = await grains.GetGrain<IMeterGrain>(id).GetStateAsync();
        if (Refusal(meterId, state, caller) is { } refused)
        {
            return refused;
        }

        var response = MeterResponse.From(state);
        return TypedResults.Ok(!caller.IsProcessor() ? response : response with
        {
            MeterId = meterId,
            HouseholdId = state.HouseholdId is { } householdId ? await pseudonyms.IssueAsync(householdId, cancellationToken) : null,
        });
    }

    /// <summary>
    /// Energy buckets of <c>interval</c> over <c>[from, to)</c> (see <see cref="EnergyQueryParser"/>); days in <c>tz</c>,
    /// else in the time zone of the meter's household, else UTC. Up to a leap year of quarter-hours in one answer,
    /// written straight from the grain's packed series (<see cref="MeterEnergyJsonResult"/>).
    /// </summary>
    public static async Task<Results<MeterEnergyJsonResult, ProblemHttpResult>> GetEnergyAsync(
        string meterId, string? from, string? to, string? interval, string? tz, IGrainFactory grains, Pseudonyms pseudonyms, TimeProvider clock,
        ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (MeterIds.Explain(meterId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        if (tz is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
        {
            return Problems.BadRequest($"tz '{tz}' is not a known IANA time zone (for example Europe/Brussels)");
        }

        if (await pseudonyms.IdNamedByAsync(caller, meterId, cancellationToken) is not { } id)
        {
            return Problems.UnknownPseudonym(meterId);
        }

        var meter = grains.GetGrain<IMeterGrain>(id);
        var state = await meter.GetStateAsync();
        if (Refusal(meterId, state, caller) is { } refused)
        {
            return refused;
        }

        var zone = tz ?? await HouseholdTimeZoneAsync(grains, state.HouseholdId) ?? "UTC";
        if (EnergyQueryParser.Parse(from, to, interval, zone, clock.GetUtcNow(), out var problem) is not { } query)
        {
            return Problems.BadRequest(problem!);
        }

        return new MeterEnergyJsonResult(meterId, query, await meter.GetEnergyAsync(query));
    }

    /// <summary>Raw readings over <c>[from, to)</c>, oldest first, at most <c>limit</c> (see <see cref="ReadingsQueryParser"/>).</summary>
    public static async Task<Results<Ok<ReadingsResponse>, ProblemHttpResult>> GetReadingsAsync(
        string meterId, string? from, string? to, string? limit, IGrainFactory grains, Pseudonyms pseudonyms, TimeProvider clock,
        ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (MeterIds.Explain(meterId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        if (ReadingsQueryParser.Parse(from, to, limit, clock.GetUtcNow(), out var problem) is not { } query)
        {
            return Problems.BadRequest(problem!);
        }

        if (await pseudonyms.IdNamedByAsync(caller, meterId, cancellationToken) is not { } id)
        {
            return Problems.UnknownPseudonym(meterId);
        }

        var meter = grains.GetGrain<IMeterGrain>(id);
        var state = await meter.GetStateAsync();
        if (Refusal(meterId, state, caller) is { } refused)
        {
            return refused;
        }

        var readings = await meter.GetReadingsAsync(query);
        return TypedResults.Ok(ReadingsResponse.Create(meterId, query, readings));
    }

    /// <summary>
    /// Readings over HTTP, the generic JSON payload of interfaces.md (one object or an array). The good readings of a
    /// body are stored even when others are refused; the answer lists each refused one with its reason.
    /// 400 for a body that is not a reading payload, 413 above <c>Mqtt:MaxPayloadBytes</c> (the gateway's limit).
    /// </summary>
    public static async Task<Results<Ok<PostReadingsResponse>, ProblemHttpResult>> PostReadingsAsync(
        string meterId, HttpRequest request, HttpReadingIngest ingest, IOptions<MqttOptions> mqtt, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (MeterIds.Explain(meterId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        var receivedAt = clock.GetUtcNow();
        var maxBytes = mqtt.Value.MaxPayloadBytes;
        if (await RequestBody.ReadAsync(request, maxBytes, cancellationToken) is not { } body)
        {
            var reason = $"payload exceeds the limit of {maxBytes} bytes ({MqttOptions.SectionName}:MaxPayloadBytes)";
            await ingest.RefuseAsync(meterId, reason, receivedAt, rawPayload: null);
            return Problems.TooLarge(reason);
        }

        var payload = GenericJsonReadings.Parse(new ReadOnlySequence<byte>(body), receivedAt);
        if (payload.Problem is { } problem)
        {
            await ingest.RefuseAsync(meterId, problem, receivedAt, payload.RawText);
            return Problems.BadRequest(problem);
        }

        return TypedResults.Ok(await ingest.IngestAsync(meterId, payload, receivedAt));
    }

    /// <summary>
    /// The next 7 days of a meter or sub-meter (<c>&lt;meterId&gt;:&lt;channel&gt;</c> of a CSV import) from its stored history,
    /// per hour (<c>interval=1h</c>, default) or per local day (<c>1d</c>); days and the daily rhythm in <c>tz</c>, else
    /// the household's zone, else UTC. A resident sees the meters of their household and their sub-meters; a processing
    /// app names the meter or sub-meter by its pseudonym and is answered with it.
    /// </summary>
    public static async Task<Results<Ok<ForecastResponse>, ProblemHttpResult>> GetForecastAsync(
        string meterId, string? interval, string? tz, IGrainFactory grains, HistoryForecaster forecaster, Pseudonyms pseudonyms,
        ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (MeterIds.Explain(meterId) is { } invalid)
        {
            return Problems.BadRequest(invalid);
        }

        if (ForecastQuery.Explain(interval, tz) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        if (await pseudonyms.IdNamedByAsync(caller, meterId, cancellationToken) is not { } id)
        {
            return Problems.UnknownPseudonym(meterId);
        }

        var householdId = await HouseholdOfAsync(grains, id);
        if (!caller.MayRead(householdId))
        {
            return Problems.Forbidden($"Meter '{meterId}' is not in your household.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tz ?? await HouseholdTimeZoneAsync(grains, householdId) ?? "UTC");
        var (forecast, missing) = await forecaster.ForecastAsync(id, meterId, new LocalCalendar(zone), cancellationToken);
        return forecast is null ? Problems.NotFound(missing!) : TypedResults.Ok(ForecastResponse.Create(meterId, interval, zone, forecast));
    }

    /// <summary>The household of a meter, or of the meter a sub-meter <c>&lt;meterId&gt;:&lt;channel&gt;</c> belongs to.</summary>
    private static async Task<string?> HouseholdOfAsync(IGrainFactory grains, string meterId)
    {
        var state = await grains.GetGrain<IMeterGrain>(meterId).GetStateAsync();
        if (state.HouseholdId is null && meterId.LastIndexOf(':') is > 0 and var colon)
        {
            state = await grains.GetGrain<IMeterGrain>(meterId[..colon]).GetStateAsync();
        }

        return state.HouseholdId;
    }

    /// <summary>
    /// 403 when the meter is not the caller's to see, 404 when it never sent a reading, else null. <paramref name="meterId"/>
    /// is the meter as the caller named it (a processor: its pseudonym).
    /// </summary>
    private static ProblemHttpResult? Refusal(string meterId, MeterLiveState state, ClaimsPrincipal caller) =>
        !caller.MayRead(state.HouseholdId) ? Problems.Forbidden($"Meter '{meterId}' is not in your household.")
        : !state.Exists ? Problems.NotFound($"No reading of meter '{meterId}' has been received.")
        : null;

    private static async Task<string?> HouseholdTimeZoneAsync(IGrainFactory grains, string? householdId) =>
        householdId is null ? null : (await grains.GetGrain<IHouseholdGrain>(householdId).GetAsync())?.Definition.TimeZone;
}
