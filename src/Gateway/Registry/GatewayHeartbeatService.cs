using System.Diagnostics;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Mqtt;
using MeterGrains.Gateways;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Registry;

/// <summary>
/// Reports this gateway to the <see cref="IGatewayRegistryGrain"/> at start, every heartbeat interval, and removes it at
/// a graceful stop. A heartbeat that fails is logged and tried again at the next tick; ingest never waits on it.
/// </summary>
public sealed class GatewayHeartbeatService(
    IGrainFactory grains,
    DecoderRegistry decoders,
    GatewayMetrics metrics,
    IOptions<MqttOptions> mqtt,
    IOptions<GatewayRegistrationOptions> options,
    TimeProvider clock,
    ILogger<GatewayHeartbeatService> logger) : BackgroundService
{
    private readonly string _gatewayId = $"{Environment.MachineName}-{Environment.ProcessId}-{Process.GetCurrentProcess().StartTime.ToUniversalTime():yyyyMMddHHmmss}";
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        do
        {
            try
            {
                await grains.GetGrain<IGatewayRegistryGrain>(0).HeartbeatAsync(Heartbeat());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RegistryLog.HeartbeatFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<IGatewayRegistryGrain>(0).UnregisterAsync(_gatewayId).WaitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // The registry marks it offline after a few missed heartbeats anyway.
            RegistryLog.UnregisterFailed(logger, ex);
        }
    }

    private GatewayHeartbeat Heartbeat()
    {
        var broker = mqtt.Value;
        var host = AdvertisedHost(broker);
        IReadOnlyList<string> endpoints = broker.Enabled ? [$"mqtt://{host}:{broker.Port}"] : [];
        return new GatewayHeartbeat(
            _gatewayId, host, endpoints, decoders.TopicFilters, _startedAt, clock.GetUtcNow(), options.Value.HeartbeatInterval,
            metrics.MessagesReceivedTotal, metrics.ReadingsAcceptedTotal);
    }

    private string AdvertisedHost(MqttOptions broker) =>
        options.Value.AdvertisedHost is { Length: > 0 } host ? host
        : broker.BindAddress is "0.0.0.0" or "::" ? Environment.MachineName
        : broker.BindAddress;
}
