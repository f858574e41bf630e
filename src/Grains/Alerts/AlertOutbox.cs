namespace MeterGrains.Alerts;

/// <summary>
/// Stores a grain's pending alerts in order, and hands each one on once it is stored. A failing store never fails the
/// caller: the alert and those after it stay pending for the next attempt (storing one twice is harmless, the store is
/// idempotent). The grain keeps the list (null while empty, so an idle grain pays nothing for it).
/// </summary>
public static class AlertOutbox
{
    /// <summary>Stores what <paramref name="pending"/> holds, oldest first; true when at least one alert was stored.</summary>
    public static async Task<bool> FlushAsync(
        List<Alert>? pending, IAlertStore store, Action<Alert> stored, Action<Alert, Exception> notStored)
    {
        var any = false;
        while (pending is { Count: > 0 })
        {
            var alert = pending[0];
            try
            {
                await store.AppendAsync(alert, CancellationToken.None);
            }
            catch (Exception ex)
            {
                notStored(alert, ex);
                return any;
            }

            pending.RemoveAt(0);
            stored(alert);
            any = true;
        }

        return any;
    }
}
