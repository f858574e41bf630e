using MeterGrains.Domain;
using MeterGrains.Energy;
using MeterGrains.Households;
using MeterGrains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Meters;

/// <summary>
/// One metering point: applies readings with <see cref="MeterAccumulator"/> and writes its snapshot
/// behind, after <see cref="MeterOptions.SnapshotEveryReadings"/> changes, every
/// <see cref="MeterOptions.SnapshotInterval"/> while changed, and on deactivation.
/// </summary>
public sealed class MeterGrain(
    [PersistentState("meter", StorageNames.Postgres)] IPersistentState<MeterSnapshot> state,
    [PersistentState("assignment", StorageNames.Postgres)] IPersistentState<MeterAssignment> assignment,
    IReadingStore store,
    IOptions<MeterOptions> options,
    TimeProvider clock,
    ILogger<MeterGrain> logger) : Grain, IMeterGrain
{
    private readonly MeterOptions _options = options.Value;
    private MeterAccumulator _meter = null!;
    private int _unsavedChanges;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _meter = new MeterAccumulator(state.State, ToRules(_options));
        this.RegisterGrainTimer(FlushIfChangedAsync, _options.SnapshotInterval, _options.SnapshotInterval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushIfChangedAsync(cancellationToken);
    }

    public async ValueTask<IngestResult> IngestAsync(IReadOnlyList<MeterReading> readings)
    {
        var receivedAt = clock.GetUtcNow();
        var latestBefore = _meter.Snapshot.LastReadingAt;
        var accepted = 0;
        List<RejectedReading>? rejected = null;
        var toStore = new List<StoredReading>(readings.Count);
        foreach (var reading in readings)
        {
            var outcome = _meter.Apply(reading, receivedAt);
            switch (outcome.Kind)
            {
                case ReadingOutcomeKind.Accepted or ReadingOutcomeKind.Late:
                    accepted++;
                    _unsavedChanges++;
                    toStore.Add(new StoredReading(reading, outcome.Kind == ReadingOutcomeKind.Late, receivedAt));
                    break;
                case ReadingOutcomeKind.Duplicate:
                    accepted++;
                    break;
                default:
                    _unsavedChanges++;
                    (rejected ??= []).Add(new RejectedReading(reading, outcome.Reason ?? outcome.Kind.ToString()));
                    break;
            }
        }

        await StoreAsync(toStore);
        ReportPowerToHousehold(latestBefore);

        if (_unsavedChanges >= _options.SnapshotEveryReadings)
        {
            await FlushIfChangedAsync(CancellationToken.None);
        }

        return rejected is null && accepted == 0 ? IngestResult.Empty : new IngestResult(accepted, rejected ?? []);
    }

    public async Task AssignAsync(string? householdId, MeterRole role)
    {
        if (assignment.State.HouseholdId == householdId && assignment.State.Role == role)
        {
            return;
        }

        assignment.State.HouseholdId = householdId;
        assignment.State.Role = role;
        await assignment.WriteStateAsync();
        ReportPowerToHousehold(latestBefore: null);
    }

    public ValueTask<MeterLiveState> GetStateAsync()
    {
        var s = _meter.Snapshot;
        var online = s.LastReadingAt is { } last && clock.GetUtcNow() - last < _options.OfflineAfter;
        return ValueTask.FromResult(new MeterLiveState(
            this.GetPrimaryKeyString(),
            assignment.State.HouseholdId,
            s.LastReadingAt,
            online,
            s.ImportPowerW,
            s.ExportPowerW,
            s.ImportRegisterWh,
            s.ExportRegisterWh,
            s.IntegratedImportWh,
            s.IntegratedExportWh,
            s.ImportRegister.CorrectedWh - s.ImportRegister.FirstRawWh,
            s.ExportRegister.CorrectedWh - s.ExportRegister.FirstRawWh,
            s.ReadingsAccepted,
            s.ReadingsRejected,
            s.Gaps,
            s.GapSeconds));
    }

    public async Task<IReadOnlyList<MeterEnergyBucket>> GetEnergyAsync(EnergyQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query.From, query.To, nameof(query));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(query.TimeZone);
        var stored = new List<EnergyBucket>();
        await foreach (var row in store.ReadBucketsAsync(this.GetPrimaryKeyString(), query.From, query.To, CancellationToken.None))
        {
            stored.Add(new EnergyBucket(
                row.Start, row.Start + QuarterHour.Length, row.ImportWh, row.ExportWh, row.RegisterImportWh, row.RegisterExportWh, row.Complete));
        }

        // Not interleaved with ingest: a bucket closing between the two reads would be in neither.
        var quarterHours = MeterEnergyView.Merge(stored, _meter.OpenBuckets, query.From, query.To);
        return
        [
            .. MeterEnergyView.Build(quarterHours, query.From, query.To, query.Interval, zone)
                .Select(b => new MeterEnergyBucket(b.Start, b.End, b.ImportWh, b.ExportWh, b.RegisterImportWh, b.RegisterExportWh, b.Complete)),
        ];
    }

    public async Task<IReadOnlyList<RecordedReading>> GetReadingsAsync(ReadingsQuery query)
    {
        var readings = new List<RecordedReading>();
        await foreach (var stored in store.ReadAsync(this.GetPrimaryKeyString(), query.From, query.To, query.Limit, CancellationToken.None))
        {
            readings.Add(new RecordedReading(stored.Reading, stored.Late, stored.ReceivedAt));
        }

        return readings;
    }

    private async Task FlushIfChangedAsync(CancellationToken cancellationToken)
    {
        if (_unsavedChanges == 0)
        {
            return;
        }

        var changes = _unsavedChanges;
        await state.WriteStateAsync(cancellationToken);
        _unsavedChanges -= changes;
        MeterLog.SnapshotWritten(logger, this.GetPrimaryKeyString(), changes);
    }

    /// <summary>
    /// Stores the accepted raw readings and the quarter-hours that can no longer change, durably, before the
    /// caller hears back. When storing fails the activation is dropped, so its memory never runs ahead of the
    /// database, and the caller's retry finds a fresh activation (replay of stored readings is still to come).
    /// </summary>
    private async Task StoreAsync(List<StoredReading> readings)
    {
        var meterId = this.GetPrimaryKeyString();
        try
        {
            if (readings.Count > 0)
            {
                await store.AppendAsync(meterId, readings, CancellationToken.None);
            }

            var closed = _meter.TakeClosedBuckets();
            if (closed.Count > 0)
            {
                await store.UpsertBucketsAsync(
                    meterId,
                    [.. closed.Select(b => new BucketRow(b.Start, b.ImportWh, b.ExportWh, b.RegisterImportWh, b.RegisterExportWh, b.Complete))],
                    CancellationToken.None);
            }
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Pushes the latest power to the household when it changed (one-way: ingest never waits on it).</summary>
    private void ReportPowerToHousehold(DateTimeOffset? latestBefore)
    {
        var s = _meter.Snapshot;
        if (assignment.State.HouseholdId is { } householdId && s.LastReadingAt is { } at && at != latestBefore && s.ImportPowerW is not null)
        {
            var power = new MeterPower(this.GetPrimaryKeyString(), at, s.ImportPowerW ?? 0, s.ExportPowerW ?? 0);
            GrainFactory.GetGrain<IHouseholdGrain>(householdId).ReportPowerAsync(power).Ignore();
        }
    }

    private static MeterRules ToRules(MeterOptions o) => new()
    {
        MaxGap = o.MaxGap,
        ReorderWindow = o.ReorderWindow,
        OfflineAfter = o.OfflineAfter,
        Limits = new ReadingLimits { MaxPowerW = o.MaxPowerW, LateDataLimit = o.LateDataLimit },
    };
}
