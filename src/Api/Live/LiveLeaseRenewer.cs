using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Live;

/// <summary>Renews this process's registrations with the watched grains every <see cref="LiveOptions.WatchRenewal"/>.</summary>
public sealed class LiveLeaseRenewer(LiveSubscriptions subscriptions, IOptions<LiveOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchRenewal, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await subscriptions.RenewAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
