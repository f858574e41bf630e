using System.Globalization;

namespace MeterGrains.Simulator.Publishing;

/// <summary>A progress line every second while the run lasts, and the summary at its end.</summary>
internal sealed class ProgressReporter(PublishCounters counters, double targetRate, TimeProvider clock)
{
    private readonly long _startTimestamp = clock.GetTimestamp();

    public TimeSpan Elapsed => clock.GetElapsedTime(_startTimestamp);

    public async Task RunAsync(TextWriter output, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var lastReadings = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var readings = counters.ReadingsSent;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"simulator: {Elapsed.TotalSeconds,4:0} s  sent {counters.MessagesSent} msgs / {readings} readings  acked {counters.Acked}  failed {counters.Failed}  in flight {counters.InFlight}  {readings - lastReadings} readings/s (target {targetRate:0.#})"));
                lastReadings = readings;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public string Summary()
    {
        var seconds = Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"""
            simulator: done after {seconds:0.0} s
              messages   {counters.MessagesSent} sent, {counters.Acked} acked, {counters.Failed} failed, {counters.InFlight} unanswered
              readings   {counters.ReadingsSent} sent, {counters.SilentReadings} withheld by dropouts, {counters.BehindSchedule} skipped behind schedule
              rate       {counters.ReadingsSent / seconds:0.#} readings/s achieved (target {targetRate:0.#}), {counters.MessagesSent / seconds:0.#} messages/s
              reconnects {counters.Reconnects}
            """);
    }
}
