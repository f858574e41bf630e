using Orleans.Concurrency;

namespace MeterGrains.Alerts;

/// <summary>Answers alert queries from the store; holds no state, so any silo may run it.</summary>
[StatelessWorker]
public sealed class AlertLogGrain(IAlertStore store) : Grain, IAlertLogGrain
{
    public async Task<IReadOnlyList<Alert>> GetAsync(AlertQuery query) => await store.ReadAsync(query, CancellationToken.None);
}
