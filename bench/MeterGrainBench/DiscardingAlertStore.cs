using MeterGrains.Alerts;

namespace MeterGrains.Bench;

/// <summary>Keeps no alert: the benchmark measures the grain, not the alert table.</summary>
internal sealed class DiscardingAlertStore : IAlertStore
{
    public ValueTask<bool> AppendAsync(Alert alert, CancellationToken ct) => ValueTask.FromResult(true);

    public ValueTask<IReadOnlyList<Alert>> ReadAsync(AlertQuery query, CancellationToken ct) => ValueTask.FromResult<IReadOnlyList<Alert>>([]);
}
