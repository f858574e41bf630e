using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Exports;

/// <summary>
/// Runs on grain silos: at start and then daily at <c>Export:TimeOfDay</c> (UTC) it exports every due day not yet
/// exported (when <c>Export:Enabled</c>), then applies retention (when <c>Retention:RawReadingsDays</c> is set). Every
/// grain silo runs it; the day locks make one of them do each day's work.
/// </summary>
public sealed class ExportScheduler(
    DailyExporter exporter,
    RetentionSweeper sweeper,
    IOptions<ExportOptions> exportOptions,
    IOptions<RetentionOptions> retentionOptions,
    TimeProvider clock,
    ILogger<ExportScheduler> logger) : BackgroundService
{
    /// <summary>The wait from <paramref name="now"/> to the next <paramref name="timeOfDay"/> (UTC), never zero.</summary>
    public static TimeSpan UntilNext(DateTimeOffset now, TimeSpan timeOfDay)
    {
        var next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + timeOfDay;
        return next > now ? next - now : next.AddDays(1) - now;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var export = exportOptions.Value;
        var retention = retentionOptions.Value;
        if (!export.Enabled && retention.RawReadingsDays == 0)
        {
            return;
        }

        ExportsLog.Scheduled(logger, export.Enabled, export.Directory, export.Format, export.TimeOfDay, retention.RawReadingsDays);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (export.Enabled)
                {
                    await exporter.CatchUpAsync(stoppingToken);
                }

                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ExportsLog.RunFailed(logger, e);
            }

            try
            {
                await Task.Delay(UntilNext(clock.GetUtcNow(), export.TimeOfDay), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
