using System.Security.Claims;
using Grpc.Core;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Energy;
using MeterGrains.Api.Live;
using MeterGrains.Api.Meters;
using MeterGrains.Api.Privacy;
using MeterGrains.Households;
using MeterGrains.Live;
using MeterGrains.Meters;
using V1 = MeterGrains.Grpc.V1;

namespace MeterGrains.Api.Grpc;

/// <summary>
/// <c>metergrains.v1.Meters</c>: the REST meter reads over gRPC, with the same roles and pseudonyms, plus a stream of
/// raw readings that can follow the meter live.
/// </summary>
/// <remarks>
/// Following reads the store, not a feed: the meter's grain stores each reading before it pushes its new state to this
/// process's <see cref="LiveObserver"/> (registered for the follower as for a hub connection), and each push wakes the
/// stream to read what was stored after its last reading. A push lost while a grain moves is made up by a read every
/// <see cref="FollowPoll"/>.
/// </remarks>
internal sealed class MeterGrpcService(
    IGrainFactory grains,
    Pseudonyms pseudonyms,
    LiveSubscriptions subscriptions,
    MeterChangeSignals followers,
    TimeProvider clock) : V1.Meters.MetersBase
{
    /// <summary>How often a following stream reads the store without being woken.</summary>
    public static readonly TimeSpan FollowPoll = TimeSpan.FromSeconds(10);

    /// <summary>Readings read from the store at a time.</summary>
    public const int PageSize = 1000;

    /// <summary>Without <c>from</c>, a stream starts this long ago.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);

    public override async Task<V1.Meter> GetMeter(V1.GetMeterRequest request, ServerCallContext context)
    {
        var caller = context.GetHttpContext().User;
        var (_, state) = await ReadableMeterAsync(request.MeterId, caller, context.CancellationToken);
        var household = state.HouseholdId is { } id ? await pseudonyms.ShownToAsync(caller, id, context.CancellationToken) : null;
        return GrpcMessages.ToMeter(state, request.MeterId, household);
    }

    public override async Task<V1.QueryBucketsResponse> QueryBuckets(V1.QueryBucketsRequest request, ServerCallContext context)
    {
        var caller = context.GetHttpContext().User;
        var (id, state) = await ReadableMeterAsync(request.MeterId, caller, context.CancellationToken);
        if (!GrpcMessages.TryInstant(request.From, out var from) || !GrpcMessages.TryInstant(request.To, out var to))
        {
            throw GrpcErrors.InvalidArgument("from and to must lie between the years 0001 and 9999");
        }

        var zone = request.TimeZone is { Length: > 0 } tz ? tz : await HouseholdTimeZoneAsync(state.HouseholdId) ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw GrpcErrors.InvalidArgument($"time_zone '{zone}' is not a known IANA time zone (for example Europe/Brussels)");
        }

        var interval = request.Interval is { Length: > 0 } named ? named : null;
        var query = EnergyQueryParser.Parse(Format(from), Format(to), interval, zone, clock.GetUtcNow(), out var problem)
            ?? throw GrpcErrors.InvalidArgument(problem!);
        var buckets = await grains.GetGrain<IMeterGrain>(id).GetEnergyAsync(query);
        var response = new V1.QueryBucketsResponse
        {
            MeterId = request.MeterId,
            Interval = EnergyIntervalNames.ToName(query.Interval),
            TimeZone = query.TimeZone,
            From = GrpcMessages.ToTimestamp(query.From),
            To = GrpcMessages.ToTimestamp(query.To),
        };
        response.Buckets.AddRange(buckets.Select(GrpcMessages.ToBucket));
        return response;
    }

    public override async Task StreamReadings(V1.StreamReadingsRequest request, IServerStreamWriter<V1.Reading> responseStream, ServerCallContext context)
    {
        var caller = context.GetHttpContext().User;
        var cancellationToken = context.CancellationToken;
        var (id, _) = await ReadableMeterAsync(request.MeterId, caller, cancellationToken);
        if (!GrpcMessages.TryInstant(request.From, out var from) || !GrpcMessages.TryInstant(request.To, out var to))
        {
            throw GrpcErrors.InvalidArgument("from and to must lie between the years 0001 and 9999");
        }

        if (request.Follow && to is not null)
        {
            throw GrpcErrors.InvalidArgument("to must be unset with follow: a followed stream ends when the client cancels it");
        }

        var now = clock.GetUtcNow();
        var start = from ?? now - DefaultRange;
        var end = to ?? now + ReadingsQueryParser.ClockAhead;
        if (start >= end)
        {
            throw GrpcErrors.InvalidArgument($"from must be before to (from {Instants.Format(start)}, to {Instants.Format(end)})");
        }

        var meter = grains.GetGrain<IMeterGrain>(id);
        if (!request.Follow)
        {
            await WriteStoredAsync(meter, start, end, responseStream, cancellationToken);
            return;
        }

        // Listening before watching and reading: a reading stored at any point from here on wakes the loop.
        using var changed = followers.Listen(id);
        var follower = $"grpc-follow:{Guid.NewGuid():N}";
        await subscriptions.SubscribeAsync(follower, LiveTopic.Meter(id));
        try
        {
            var cursor = start;
            while (!cancellationToken.IsCancellationRequested)
            {
                cursor = await WriteStoredAsync(meter, cursor, clock.GetUtcNow() + ReadingsQueryParser.ClockAhead, responseStream, cancellationToken);
                await changed.WaitAsync(FollowPoll, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client ended the stream.
        }
        finally
        {
            await subscriptions.DropConnectionAsync(follower);
        }
    }

    /// <summary>Writes the stored readings of <c>[from, to)</c>, oldest first; returns where the next read starts.</summary>
    private static async Task<DateTimeOffset> WriteStoredAsync(
        IMeterGrain meter, DateTimeOffset from, DateTimeOffset to, IServerStreamWriter<V1.Reading> stream, CancellationToken cancellationToken)
    {
        var cursor = from;
        while (cursor < to)
        {
            var page = await meter.GetReadingsAsync(new ReadingsQuery(cursor, to, PageSize));
            foreach (var reading in page)
            {
                await stream.WriteAsync(GrpcMessages.ToReading(reading), cancellationToken);
            }

            if (page.Count == 0)
            {
                break;
            }

            // Stored instants have microsecond precision, so the next one is at least 1 µs later.
            cursor = page[^1].Reading.Timestamp.AddTicks(TimeSpan.TicksPerMicrosecond);
            if (page.Count < PageSize)
            {
                break;
            }
        }

        return cursor;
    }

    /// <summary>
    /// The meter <paramref name="named"/> (by a processor: its pseudonym) with its state: INVALID_ARGUMENT for a malformed
    /// name, NOT_FOUND for an unknown pseudonym or a meter without readings, PERMISSION_DENIED for another's meter.
    /// </summary>
    private async Task<(string Id, MeterLiveState State)> ReadableMeterAsync(string named, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (MeterIds.Explain(named) is { } problem)
        {
            throw GrpcErrors.InvalidArgument(problem.Replace("meterId", "meter_id", StringComparison.Ordinal));
        }

        var id = await pseudonyms.IdNamedByAsync(caller, named, cancellationToken)
            ?? throw GrpcErrors.NotFound($"No meter is known by the pseudonym '{named}' (processing apps name meters by pseudonym).");
        var state = await grains.GetGrain<IMeterGrain>(id).GetStateAsync();
        if (!caller.MayRead(state.HouseholdId))
        {
            throw GrpcErrors.PermissionDenied($"Meter '{named}' is not in your household.");
        }

        return state.Exists ? (id, state) : throw GrpcErrors.NotFound($"No reading of meter '{named}' has been received.");
    }

    private async Task<string?> HouseholdTimeZoneAsync(string? householdId) =>
        householdId is null ? null : (await grains.GetGrain<IHouseholdGrain>(householdId).GetAsync())?.Definition.TimeZone;

    private static string? Format(DateTimeOffset? instant) => instant is { } at ? Instants.Format(at) : null;
}
