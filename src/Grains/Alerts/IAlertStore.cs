namespace MeterGrains.Alerts;

/// <summary>Durable record of alerts. Storing is idempotent on (subject, kind, ts): a repeated alert is stored once.</summary>
public interface IAlertStore
{
    /// <summary>Stores an alert; true when it was new.</summary>
    ValueTask<bool> AppendAsync(Alert alert, CancellationToken ct);

    /// <summary>The alerts matching <paramref name="query"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<Alert>> ReadAsync(AlertQuery query, CancellationToken ct);
}
