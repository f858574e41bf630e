using MeterGrains.Api.Meters;
using MeterGrains.Meters;

namespace MeterGrains.Api.Live;

/// <summary>The <c>meterUpdated</c> message: the live state of <c>GET /api/v1/meters/{meterId}</c> and when it was sent.</summary>
public sealed record MeterUpdate : MeterResponse
{
    private MeterUpdate(MeterLiveState state, DateTimeOffset ts)
        : base(state) => Ts = ts;

    /// <summary>When the update was made.</summary>
    public DateTimeOffset Ts { get; init; }

    public static MeterUpdate From(MeterLiveState state, DateTimeOffset ts) => new(state, ts);
}
