using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeterGrains.Bench;

/// <summary>
/// The measured receiver: a SignalR client of <c>/hubs/live</c> connected as a browser does (WebSockets, the operator
/// key as <c>access_token</c>), subscribed with <c>SubscribeMeter</c> to the probe meter; each <c>meterUpdated</c>
/// carries <c>lastReadingAt</c>, the timestamp of the newest reading.
/// </summary>
public sealed class LiveProbeSubscriber : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private LiveProbeSubscriber(HubConnection connection) => _connection = connection;

    public int Updates { get; private set; }

    public static async Task<LiveProbeSubscriber> ConnectAsync(int httpPort, string apiKey, LatencyProbe probe)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{httpPort}/hubs/live?access_token={Uri.EscapeDataString(apiKey)}", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        var subscriber = new LiveProbeSubscriber(connection);
        connection.On<JsonElement>("meterUpdated", update =>
        {
            subscriber.Updates++;
            if (update.TryGetProperty("lastReadingAt", out var at) && at.ValueKind == JsonValueKind.String)
            {
                probe.Arrived(at.GetDateTimeOffset());
            }
        });
        await connection.StartAsync();
        await connection.InvokeAsync("SubscribeMeter", LatencyProbe.MeterId);
        return subscriber;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
