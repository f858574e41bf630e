using System.Diagnostics;

namespace MeterGrains.Integration.Tests.Infrastructure;

public static class Wait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes;
    /// <paramref name="expectation"/> says what should have happened, for the failure message.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string expectation)
    {
        var stopwatch = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception exception)
            {
                lastError = exception;
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Expected {expectation} within {timeout.TotalSeconds:0.#} s, but it did not happen." +
                    (lastError is null ? "" : $" Last error: {lastError.GetType().Name}: {lastError.Message}"),
                    lastError);
            }

            await Task.Delay(PollInterval);
        }
    }
}
