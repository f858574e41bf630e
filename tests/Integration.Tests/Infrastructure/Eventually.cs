namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline and says what was expected when it does not come.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, Func<T?, bool> until, TimeSpan timeout, string expectation)
    {
        var deadline = DateTime.UtcNow + timeout;
        T? last = default;
        Exception? lastError = null;
        var delay = TimeSpan.FromMilliseconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                lastError = null;
                if (until(last))
                {
                    return last!;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                lastError = ex;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#}s waiting until {expectation}. Last value: {last}; last error: {lastError?.Message}");
    }
}
