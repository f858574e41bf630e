using MeterGrains.Meters;
using Orleans.Runtime;

namespace MeterGrains.Gateway.Ingest;

/// <summary>Delivers readings and device presence reports to the <see cref="IMeterGrain"/> keyed by the meter id.</summary>
public sealed class GrainReadingSink(IGrainFactory grainFactory) : IReadingSink
{
    /// <inheritdoc />
    public ValueTask<IngestResult> DeliverAsync(string meterId, IReadOnlyList<MeterReading> readings, CancellationToken cancellationToken)
    {
        // IngestAsync takes no token: the call itself is bounded by Orleans' response timeout.
        cancellationToken.ThrowIfCancellationRequested();
        return grainFactory.GetGrain<IMeterGrain>(meterId).IngestAsync(readings);
    }

    /// <inheritdoc />
    public ValueTask ReportPresenceAsync(string meterId, DevicePresence presence, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return grainFactory.GetGrain<IMeterGrain>(meterId).ReportDevicePresenceAsync(presence);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Orleans rejects a call it could not get to the grain's silo (<see cref="SiloUnavailableException"/> and the
    /// connection failures it wraps in <see cref="OrleansMessageRejectionException"/>): after a silo is killed, calls to
    /// the grains it hosted fail so until the cluster declares it dead and the grains activate elsewhere.
    /// </remarks>
    public bool IsUnreachable(Exception exception) => exception is OrleansMessageRejectionException;
}
