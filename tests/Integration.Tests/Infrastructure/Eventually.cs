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
            catch (Exception ex)
            {
                // A probe may fail while the system is still starting (connection refused, silo not active yet);
                // the last failure is reported if the deadline passes.
                lastError = ex;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }

        throw new TimeoutException(
            $"Timed out after {timeout.TotalSeconds:0.#}s waiting until {expectation}. Last value: {last}; last error: {lastError?.GetType().Name}: {lastError?.Message}",
            lastError);
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string expectation) =>
        ReturnsAsync<bool>(async () => await condition(), holds => holds, timeout, expectation);
}
