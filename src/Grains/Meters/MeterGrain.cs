using MeterGrains.Alerts;
using MeterGrains.Domain;
using MeterGrains.Energy;
using MeterGrains.Households;
using MeterGrains.Live;
using MeterGrains.Storage;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Meters;

/// <summary>
/// One metering point: applies readings with <see cref="MeterAccumulator"/> and writes its snapshot
/// behind, after <see cref="MeterOptions.SnapshotEveryReadings"/> changes, at most
/// <see cref="MeterOptions.SnapshotInterval"/> after the first unsaved change, and on deactivation. It has no timer of
/// its own: the silo's <see cref="MeterWatch"/> calls it when a chore is due.
/// </summary>
/// <remarks>
/// Nothing is lost between snapshots: every accepted reading is stored before its caller hears back, the snapshot
/// records the ingest id of the last stored reading it includes, and an activation replays the readings stored
/// after it, in arrival order and with their original receive times, so it reaches the state of a meter that never
/// stopped.
/// <para>
/// Its two states (<see cref="SnapshotStateName"/> and <see cref="AssignmentStateName"/> in the
/// <see cref="StorageNames.Postgres"/> provider) are read on activation and written straight through the grain storage
/// provider (<see cref="DirectGrainState"/>) instead of through <c>[PersistentState]</c>: same rows, same ETags, same
/// errors, but without a bridge object and lifecycle registrations per state and activation, which at a million active
/// meters is about 0.6 GB (MeterGrainBench: 640 B per meter). A deliberate deviation from the Orleans idiom, for memory
/// (issue 8); the one thing given up is carrying the state over in memory when Orleans migrates an activation: a
/// migrated meter reads its rows again, as any new activation does.
/// </para>
/// </remarks>
public sealed class MeterGrain(MeterGrainServices services) : Grain, IMeterGrain
{
    /// <summary>The state name of the meter's snapshot row (as <c>[PersistentState("meter")]</c> had it).</summary>
    public const string SnapshotStateName = "meter";

    /// <summary>The state name of the meter's household assignment row.</summary>
    public const string AssignmentStateName = "assignment";

    private StoredState<MeterSnapshot> _state;
    private StoredState<MeterAssignment> _assignment;

    /// <summary>The household assignment (never null once active: <see cref="DirectGrainState.ReadAsync"/> makes one).</summary>
    private MeterAssignment Assignment => _assignment.State;

    /// <summary>Alerts not stored yet; null while there are none (the usual case costs no list).</summary>
    private List<Alert>? _unsentAlerts;

    /// <summary>The live watchers; null until the first watch (most meters are never watched while active).</summary>
    private LiveWatchers? _watchers;
    private MeterAccumulator _meter = null!;
    private int _unsavedChanges;

    /// <summary>When the unsaved changes must be written at the latest (<see cref="MeterOptions.SnapshotInterval"/> after the first).</summary>
    private DateTimeOffset? _snapshotDueAt;

    /// <summary>Set when storing failed: memory may hold readings the database lacks, so it must never be saved.</summary>
    private bool _aheadOfStore;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var snapshot = DirectGrainState.ReadAsync<MeterSnapshot>(services.GrainStorage, SnapshotStateName, this.GetGrainId());
        var assignment = DirectGrainState.ReadAsync<MeterAssignment>(services.GrainStorage, AssignmentStateName, this.GetGrainId());
        await Task.WhenAll(snapshot, assignment); // both read, as [PersistentState] did, so neither fault goes unobserved
        _state = snapshot.Result;
        _assignment = assignment.Result;
        _meter = new MeterAccumulator(_state.State, services.Rules);
        await ReplayStoredReadingsAsync(cancellationToken);
        Rearm(services.Clock.GetUtcNow());
        // Counted once active: Orleans does not call OnDeactivateAsync after a failed activation.
        services.Metrics.MeterActivated();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        services.Watch.Disarm(this.GetGrainId());
        services.Metrics.MeterDeactivated();
        await FlushIfChangedAsync(); // the storage provider's write takes no token
    }

    public async Task TickAsync()
    {
        var now = services.Clock.GetUtcNow();
        if (await RaiseAlertsAsync(now))
        {
            PushLiveState(now);
        }

        if (_snapshotDueAt <= now)
        {
            await FlushIfChangedAsync();
        }

        Rearm(now);
    }

    public async ValueTask<IngestResult> IngestAsync(IReadOnlyList<MeterReading> readings)
    {
        var receivedAt = services.Clock.GetUtcNow();
        var latestBefore = _meter.Snapshot.LastReadingAt;
        NotePresence(receivedAt);
        var accepted = 0;
        List<RejectedReading>? rejected = null;
        var toStore = new List<StoredReading>(readings.Count);
        foreach (var reading in readings)
        {
            var outcome = Apply(reading, receivedAt);
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
        await RaiseAlertsAsync(receivedAt);
        PushLiveState(receivedAt);

        if (_unsavedChanges >= services.Options.SnapshotEveryReadings)
        {
            await FlushIfChangedAsync();
        }

        Rearm(receivedAt);
        return rejected is null && accepted == 0 ? IngestResult.Empty : new IngestResult(accepted, rejected ?? []);
    }

    public async ValueTask ReportDevicePresenceAsync(DevicePresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        var now = services.Clock.GetUtcNow();
        // A silence that began before the report is reported first, as ingest does.
        NotePresence(now);
        var changed = MeterPresence.ApplyDeviceReport(_meter.Snapshot, presence.Online, presence.At);
        if (changed)
        {
            _unsavedChanges++;
            MeterLog.DeviceReported(services.Logger, this.GetPrimaryKeyString(), presence.Online, presence.At);
        }

        if (await RaiseAlertsAsync(now) || changed)
        {
            PushLiveState(now);
        }

        if (changed)
        {
            // A report is not in the reading store, so no replay brings it back: write it through before answering.
            await FlushIfChangedAsync();
        }

        Rearm(now);
    }

    public async Task AssignAsync(string? householdId, MeterRole role)
    {
        if (Assignment.HouseholdId == householdId && Assignment.Role == role)
        {
            return;
        }

        Assignment.HouseholdId = householdId;
        Assignment.Role = role;
        _assignment = await WriteLoggedAsync(AssignmentStateName, _assignment);
        ReportPowerToHousehold(latestBefore: null);
        PushLiveState(services.Clock.GetUtcNow());
    }

    public ValueTask<MeterLiveState> GetStateAsync()
    {
        var s = _meter.Snapshot;
        var online = MeterPresence.IsOnline(s, services.Clock.GetUtcNow(), services.Options.OfflineAfter);
        return ValueTask.FromResult(new MeterLiveState(
            this.GetPrimaryKeyString(),
            Assignment.HouseholdId,
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

    public Task ReportAlertAsync(Alert alert)
    {
        PushAlert(alert);
        return Task.CompletedTask;
    }

    public Task WatchAsync(ILiveObserver observer, TimeSpan lease)
    {
        (_watchers ??= new LiveWatchers(services.Clock)).Watch(observer, lease);
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(ILiveObserver observer)
    {
        _watchers?.Unwatch(observer);
        return Task.CompletedTask;
    }

    /// <summary>Pushes the live state to the watchers, if any (one-way: ingest never waits on dashboards).</summary>
    private void PushLiveState(DateTimeOffset now)
    {
        if (_watchers is { Any: true })
        {
            // Completed synchronously: the state is built from memory.
            var live = GetStateAsync().Result;
            _watchers.Notify(o => o.MeterUpdatedAsync(live, now));
        }
    }

    /// <summary>Pushes a stored alert to the meter's watchers and, through its household, to the household's (one-way).</summary>
    private void PushAlert(Alert alert)
    {
        _watchers?.Notify(o => o.AlertRaisedAsync(LiveTopic.Meter(alert.Subject), alert));
        if (Assignment.HouseholdId is { } householdId)
        {
            GrainFactory.GetGrain<IHouseholdGrain>(householdId).ReportAlertAsync(alert).Ignore();
        }
    }

    public async Task<MeterEnergySeries> GetEnergyAsync(EnergyQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query.From, query.To, nameof(query));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(query.TimeZone);
        // Not interleaved with ingest: a bucket closing between the two reads would be in neither.
        var view = new MeterEnergyView(query.From, query.To, query.Interval, zone, _meter.OpenBuckets);
        await foreach (var row in services.Store.ReadBucketsAsync(this.GetPrimaryKeyString(), query.From, query.To, CancellationToken.None))
        {
            view.AddStored(row.Start, row.ImportWh, row.ExportWh, row.RegisterImportWh, row.RegisterExportWh, row.Complete);
        }

        return view.Build();
    }

    public async Task<IReadOnlyList<RecordedReading>> GetReadingsAsync(ReadingsQuery query)
    {
        var readings = new List<RecordedReading>();
        await foreach (var stored in services.Store.ReadAsync(this.GetPrimaryKeyString(), query.From, query.To, query.Limit, CancellationToken.None))
        {
            readings.Add(new RecordedReading(stored.Reading, stored.Late, stored.ReceivedAt));
        }

        return readings;
    }

    /// <summary>Applies one reading and queues the alerts its anomaly checks raise (the same on replay: same ts, stored once).</summary>
    private ReadingOutcome Apply(MeterReading reading, DateTimeOffset receivedAt)
    {
        var before = MeterAnomalies.Before.Of(_meter.Snapshot);
        var outcome = _meter.Apply(reading, receivedAt);
        if (outcome.Kind == ReadingOutcomeKind.Accepted)
        {
            services.Anomalies.Observe(this.GetPrimaryKeyString(), _meter.Snapshot, before, reading, ref _unsentAlerts);
        }

        return outcome;
    }

    /// <summary>Queues the alerts that the meter's presence calls for at <paramref name="now"/>.</summary>
    private void NotePresence(DateTimeOffset now)
    {
        var due = MeterPresence.Advance(this.GetPrimaryKeyString(), _meter.Snapshot, now, services.Options.OfflineAfter);
        if (due.Count > 0)
        {
            (_unsentAlerts ??= []).AddRange(due);
            _unsavedChanges++;
        }
    }

    /// <summary>
    /// Stores the alerts due (and any that could not be stored before). An alert store that fails never fails
    /// ingest: the alerts wait in memory for the next attempt, and storing them twice is harmless.
    /// Returns whether any alert was raised.
    /// </summary>
    private async Task<bool> RaiseAlertsAsync(DateTimeOffset now)
    {
        NotePresence(now);
        if (_unsentAlerts is not { Count: > 0 })
        {
            return false; // the usual case, on every reading: no delegates made
        }

        return await AlertOutbox.FlushAsync(
            _unsentAlerts,
            services.Alerts,
            alert =>
            {
                MeterLog.AlertRaised(services.Logger, alert.Kind, alert.Subject, alert.Ts);
                PushAlert(alert);
            },
            (alert, ex) => MeterLog.AlertNotStored(services.Logger, ex, alert.Kind, alert.Subject));
    }

    /// <summary>
    /// Applies the readings stored after the snapshot (a crash, or a failed store, left them out of it) exactly as
    /// they were applied the first time: in arrival order, judged against their original receive time.
    /// </summary>
    private async Task ReplayStoredReadingsAsync(CancellationToken cancellationToken)
    {
        var snapshot = _meter.Snapshot;
        var notBefore = ReplayBound.NotBefore(snapshot.SavedAt, services.Rules.Limits);
        var replayed = 0;
        await foreach (var ingested in services.Store.ReadAfterAsync(this.GetPrimaryKeyString(), snapshot.StoredThroughIngestId, notBefore, cancellationToken))
        {
            Apply(ingested.Stored.Reading, ingested.Stored.ReceivedAt);
            snapshot.StoredThroughIngestId = ingested.IngestId;
            replayed++;
        }

        if (replayed > 0)
        {
            _unsavedChanges += replayed;
            MeterLog.Replayed(services.Logger, this.GetPrimaryKeyString(), replayed, snapshot.StoredThroughIngestId);
        }
    }

    /// <summary>
    /// Asks the silo's <see cref="MeterWatch"/> for a call when the next chore is due: the snapshot write-behind, the
    /// moment the meter goes silent, or a retry of alerts that could not be stored. Nothing due, no request.
    /// </summary>
    private void Rearm(DateTimeOffset now)
    {
        if (_unsavedChanges > 0)
        {
            _snapshotDueAt ??= now + services.Options.SnapshotInterval;
        }

        var s = _meter.Snapshot;
        DateTimeOffset? next = _unsavedChanges > 0 ? _snapshotDueAt : null;
        if (MeterPresence.LastSignOfLife(s) is { } seen && s.OfflineSinceReadingAt is null)
        {
            next = Earliest(next, seen + services.Options.OfflineAfter);
        }

        if (_unsentAlerts is { Count: > 0 })
        {
            next = Earliest(next, now + MeterWatchService.SweepPeriod(services.Options));
        }

        if (next is { } at)
        {
            services.Watch.Arm(this.GetGrainId(), at);
        }
        else
        {
            services.Watch.Disarm(this.GetGrainId());
        }
    }

    /// <summary>
    /// Writes a state through the storage provider and, as <c>[PersistentState]</c> did, logs a failure before the
    /// caller sees it.
    /// </summary>
    private async Task<StoredState<T>> WriteLoggedAsync<T>(string stateName, StoredState<T> state)
        where T : class
    {
        try
        {
            return await DirectGrainState.WriteAsync(services.GrainStorage, stateName, this.GetGrainId(), state);
        }
        catch (Exception ex)
        {
            MeterLog.StateNotWritten(services.Logger, ex, this.GetPrimaryKeyString(), stateName);
            throw;
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private async Task FlushIfChangedAsync()
    {
        if (_unsavedChanges == 0 || _aheadOfStore)
        {
            return;
        }

        var changes = _unsavedChanges;
        _meter.Snapshot.SavedAt = services.Clock.GetUtcNow();
        _state = await WriteLoggedAsync(SnapshotStateName, _state);
        _unsavedChanges -= changes;
        _snapshotDueAt = null;
        MeterLog.SnapshotWritten(services.Logger, this.GetPrimaryKeyString(), changes);
    }

    /// <summary>
    /// Stores the accepted raw readings and the quarter-hours that can no longer change, durably, before the
    /// caller hears back. When storing fails the activation is dropped without saving, so its memory never runs
    /// ahead of the database, and the caller's retry finds a fresh activation that replays what was stored.
    /// </summary>
    private async Task StoreAsync(List<StoredReading> readings)
    {
        var meterId = this.GetPrimaryKeyString();
        try
        {
            if (readings.Count > 0)
            {
                var batch = await services.Store.AppendAsync(meterId, readings, CancellationToken.None);
                if (batch.MaxIngestId is { } ingestId && ingestId > _meter.Snapshot.StoredThroughIngestId)
                {
                    _meter.Snapshot.StoredThroughIngestId = ingestId;
                }

                var lateRepeats = readings.Count(static r => r.Late) - batch.LateInserted;
                if (lateRepeats > 0)
                {
                    _meter.CountStoredLateRepeats(lateRepeats);
                }
            }

            var closed = _meter.TakeClosedBuckets();
            if (closed.Count > 0)
            {
                await services.Store.UpsertBucketsAsync(
                    meterId,
                    [.. closed.Select(b => new BucketRow(b.Start, b.ImportWh, b.ExportWh, b.RegisterImportWh, b.RegisterExportWh, b.Complete))],
                    CancellationToken.None);
            }
        }
        catch
        {
            _aheadOfStore = true;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Pushes the latest power to the household when it changed (one-way: ingest never waits on it).</summary>
    private void ReportPowerToHousehold(DateTimeOffset? latestBefore)
    {
        var s = _meter.Snapshot;
        if (Assignment.HouseholdId is { } householdId && s.LastReadingAt is { } at && at != latestBefore && s.ImportPowerW is not null)
        {
            var power = new MeterPower(this.GetPrimaryKeyString(), at, s.ImportPowerW ?? 0, s.ExportPowerW ?? 0);
            GrainFactory.GetGrain<IHouseholdGrain>(householdId).ReportPowerAsync(power).Ignore();
        }
    }
}
