using MeterGrains.Alerts;
using MeterGrains.Energy;
using MeterGrains.Live;
using Orleans.Concurrency;

namespace MeterGrains.Meters;

/// <summary>
/// One metering point. Keyed by the meter id (1–64 characters of <c>[A-Za-z0-9._:-]</c>).
/// Watchable (<see cref="ILiveSource"/>): pushes its live state after every change and its alerts.
/// </summary>
[Alias("MeterGrains.IMeterGrain")]
public interface IMeterGrain : ILiveSource
{
    /// <summary>
    /// Applies a batch of readings in order. Invalid readings are rejected one by one with a reason;
    /// the others are kept. Repeating a batch is harmless (readings are idempotent on their timestamp).
    /// </summary>
    [Alias("IngestAsync")]
    ValueTask<IngestResult> IngestAsync(IReadOnlyList<MeterReading> readings);

    /// <summary>
    /// Takes a report of the meter's device about itself. <c>false</c> marks the meter offline at once (a
    /// <c>meter-offline</c> alert); <c>true</c> counts as a sign of life like a reading, so it ends such an offline spell
    /// (<c>meter-online</c>). Ignored by a meter that never sent a reading, and when older than what the meter knows.
    /// Returns once the report and its alerts are stored.
    /// </summary>
    [Alias("ReportDevicePresenceAsync")]
    ValueTask ReportDevicePresenceAsync(DevicePresence presence);

    /// <summary>
    /// Called one way by the silo's meter watch when the meter asked for it: it writes a snapshot that is due and notices
    /// a meter that went silent. Harmless at any other time.
    /// </summary>
    [Alias("TickAsync"), OneWay]
    Task TickAsync();

    /// <summary>Puts the meter in a household with a role, or takes it out (null).</summary>
    [Alias("AssignAsync")]
    Task AssignAsync(string? householdId, Households.MeterRole role);

    /// <summary>
    /// An alert about this meter raised elsewhere (a processing app's result, already stored), for the meter's watchers
    /// and its household's (one-way).
    /// </summary>
    [Alias("ReportAlertAsync"), OneWay]
    Task ReportAlertAsync(Alert alert);

    /// <summary>The live state and counters.</summary>
    [Alias("GetStateAsync")]
    ValueTask<MeterLiveState> GetStateAsync();

    /// <summary>
    /// Every bucket of <paramref name="query"/>'s range, oldest first: closed quarter-hours from storage and the open
    /// ones from memory, aggregated to the interval. A bucket without data has 0 Wh, no register energy and is incomplete.
    /// A packed series, so a year of quarter-hours crosses to the caller as one block.
    /// </summary>
    [Alias("GetEnergyAsync")]
    Task<MeterEnergySeries> GetEnergyAsync(EnergyQuery query);

    /// <summary>
    /// The stored raw readings of <paramref name="query"/>'s range, oldest first, at most its limit. Interleaves with
    /// ingest: it reads only storage, so a long history query does not hold up the meter.
    /// </summary>
    [Alias("GetReadingsAsync"), AlwaysInterleave]
    Task<IReadOnlyList<RecordedReading>> GetReadingsAsync(ReadingsQuery query);
}
