using MeterGrains.Alerts;
using MeterGrains.Energy;
using MeterGrains.Live;
using MeterGrains.Meters;
using MeterGrains.Privacy;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Households;

/// <summary>
/// One household: metadata (personal fields encrypted at rest) and the live flow, kept current by
/// its meters pushing their power (<see cref="IHouseholdGrain.ReportPowerAsync"/>), never by polling.
/// </summary>
public sealed class HouseholdGrain(
    [PersistentState("household", StorageNames.Postgres)] IPersistentState<HouseholdState> state,
    PersonalDataProtector protector,
    IAlertStore alerts,
    IHouseholdDirectory directory,
    ILogger<HouseholdGrain> logger,
    TimeProvider clock) : Grain, IHouseholdGrain
{
    private readonly LiveWatchers _watchers = new(clock);
    private readonly Dictionary<string, MeterPower> _latest = new(StringComparer.Ordinal);
    private HouseholdFlow _flow = HouseholdFlow.Empty;
    private FlowAlerts? _flowAlerts;

    /// <summary>Flow alerts not stored yet; null while there are none.</summary>
    private List<Alert>? _unsentAlerts;

    private string HouseholdId => this.GetPrimaryKeyString();

    public async Task PutAsync(HouseholdDefinition definition)
    {
        if (HouseholdRules.Explain(definition) is { } problem)
        {
            throw new ArgumentException(problem, nameof(definition));
        }

        var removed = state.State.Meters.Select(m => m.MeterId).Except(definition.Meters.Select(m => m.MeterId)).ToList();
        var s = state.State;
        s.Defined = true;
        s.Type = definition.Type;
        s.Occupants = definition.Occupants;
        s.TimeZone = definition.TimeZone;
        s.Tariff = definition.Tariff;
        s.EncryptedPersonalData = protector.Protect(HouseholdId, definition.Personal);
        s.Meters = [.. definition.Meters];
        await state.WriteStateAsync();

        // The SQL copy cohorts group by; when it fails the PUT fails, and the caller's retry stores both again.
        await directory.UpsertAsync(HouseholdId, definition, CancellationToken.None);

        // Meters learn their household after it is stored, so a meter never points at nothing.
        await Task.WhenAll(
            definition.Meters.Select(m => GrainFactory.GetGrain<IMeterGrain>(m.MeterId).AssignAsync(HouseholdId, m.Role))
                .Concat(removed.Select(id => GrainFactory.GetGrain<IMeterGrain>(id).AssignAsync(null, MeterRole.Grid))));
        foreach (var id in removed)
        {
            _latest.Remove(id);
        }

        Recompute();
    }

    public Task<HouseholdView?> GetAsync()
    {
        var s = state.State;
        if (!s.Defined)
        {
            return Task.FromResult<HouseholdView?>(null);
        }

        var definition = new HouseholdDefinition(s.Type, s.Occupants, s.TimeZone, s.Tariff, protector.Unprotect(HouseholdId, s.EncryptedPersonalData), s.Meters);
        return Task.FromResult<HouseholdView?>(new HouseholdView(HouseholdId, definition, _flow));
    }

    public async Task ReportPowerAsync(MeterPower power)
    {
        if (state.State.Meters.Any(m => m.MeterId == power.MeterId)
            && (!_latest.TryGetValue(power.MeterId, out var previous) || power.Timestamp >= previous.Timestamp))
        {
            _latest[power.MeterId] = power;
            Recompute();
            await RaiseFlowAlertsAsync();
        }
    }

    public async Task SetPreferencesAsync(HouseholdPreferences preferences)
    {
        if (!state.State.Defined)
        {
            throw new InvalidOperationException($"Household '{HouseholdId}' is not defined.");
        }

        if (HouseholdPreferenceRules.Explain(preferences) is { } problem)
        {
            throw new ArgumentException(problem, nameof(preferences));
        }

        state.State.Preferences = preferences;
        await state.WriteStateAsync();

        // New thresholds start watching afresh: a limit raised or lowered is judged from now on.
        _flowAlerts = null;
    }

    public Task<HouseholdPreferences?> GetPreferencesAsync() =>
        Task.FromResult(state.State.Defined ? state.State.Preferences ?? HouseholdPreferences.None : null);

    public async Task<IReadOnlyList<HouseholdEnergyBucket>> GetEnergyAsync(EnergyQuery query)
    {
        if (!state.State.Defined)
        {
            return [];
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(query.TimeZone);
        var contributing = state.State.Meters.Where(m => m.Role is MeterRole.Grid or MeterRole.Production).ToList();
        var energies = await Task.WhenAll(
            contributing.Select(m => GrainFactory.GetGrain<IMeterGrain>(m.MeterId).GetEnergyAsync(query)));
        var buckets = HouseholdEnergyCalculator.Combine(
            BucketGrid.Spans(query.From, query.To, query.Interval, zone),
            contributing.Select((m, i) => (m.Role, (IReadOnlyList<MeterEnergyBucket>)energies[i])));
        return state.State.Preferences?.Tariff is { } tariff
            ? [.. buckets.Select(b => b with { Cost = TariffPricing.Price(tariff, b.ImportWh, b.ExportWh) })]
            : buckets;
    }

    public Task ReportAlertAsync(Alert alert)
    {
        _watchers.Notify(o => o.AlertRaisedAsync(LiveTopic.Household(HouseholdId), alert));
        return Task.CompletedTask;
    }

    public Task WatchAsync(ILiveObserver observer, TimeSpan lease)
    {
        _watchers.Watch(observer, lease);
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(ILiveObserver observer)
    {
        _watchers.Unwatch(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stores and pushes the alerts the current flow calls for under the household's thresholds. A failing alert store
    /// never fails the flow: alerts wait in memory for the next update, and storing one twice is harmless.
    /// </summary>
    private async Task RaiseFlowAlertsAsync()
    {
        if (state.State.Preferences is { } preferences)
        {
            _flowAlerts ??= new FlowAlerts(HouseholdId, preferences);
            if (_flowAlerts.Observe(_flow) is { Count: > 0 } due)
            {
                (_unsentAlerts ??= []).AddRange(due);
            }
        }

        if (_unsentAlerts is not { Count: > 0 })
        {
            return;
        }

        await AlertOutbox.FlushAsync(
            _unsentAlerts,
            alerts,
            alert =>
            {
                HouseholdLog.AlertRaised(logger, alert.Kind, HouseholdId, alert.Ts);
                _watchers.Notify(o => o.AlertRaisedAsync(LiveTopic.Household(HouseholdId), alert));
            },
            (alert, ex) => HouseholdLog.AlertNotStored(logger, ex, alert.Kind, HouseholdId));
    }

    private void Recompute()
    {
        var roles = state.State.Meters.ToDictionary(m => m.MeterId, m => m.Role, StringComparer.Ordinal);
        var before = _flow;
        _flow = HouseholdFlowCalculator.Compute(
            _latest.Where(p => roles.ContainsKey(p.Key)).Select(p => (roles[p.Key], p.Value)));
        if (_flow != before)
        {
            var flow = _flow;
            _watchers.Notify(o => o.HouseholdUpdatedAsync(HouseholdId, flow, clock.GetUtcNow()));
        }
    }
}
