using System.Diagnostics;

namespace MeterGrains.Gateway.Tests.TestSupport;

/// <summary>Waits for a condition with a deadline, failing with a message that says what was expected.</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> expectation)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {expectation()}");
            }

            await Task.Delay(10);
        }
    }
}
