using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Meters;

/// <summary>
/// Sweeps the silo's <see cref="MeterWatch"/> and calls each meter that is due, one way: the call returns at once, and
/// the meter does its chores in its own turn. One timer per silo, whatever the number of meters.
/// </summary>
public sealed class MeterWatchService(
    MeterWatch watch, IGrainFactory grains, IOptions<MeterOptions> options, TimeProvider clock, ILogger<MeterWatchService> logger) : BackgroundService
{
    /// <summary>
    /// How often the watch is swept: a quarter of the shorter of offlineAfter and the snapshot interval, between
    /// 100 ms and 5 s. A chore comes at most one period late.
    /// </summary>
    public static TimeSpan SweepPeriod(MeterOptions o)
    {
        var quarter = (o.OfflineAfter < o.SnapshotInterval ? o.OfflineAfter : o.SnapshotInterval) / 4;
        return quarter < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100)
            : quarter > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5)
            : quarter;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepPeriod(options.Value), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var meter in watch.TakeDue(clock.GetUtcNow()))
            {
                try
                {
                    await grains.GetGrain<IMeterGrain>(meter).TickAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A one-way call fails only when it cannot be sent; the meter asks again on its next change.
                    MeterLog.TickNotSent(logger, ex, meter.Key.ToString());
                }
            }
        }
    }
}
