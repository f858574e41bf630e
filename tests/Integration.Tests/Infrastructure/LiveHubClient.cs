using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>A real SignalR client of <c>/hubs/live</c> that records every message it receives.</summary>
internal sealed class LiveHubClient : IAsyncDisposable
{
    public static readonly string[] Methods = ["meterUpdated", "householdUpdated", "alert"];

    private readonly ConcurrentQueue<(string Method, JsonElement Payload)> _received = new();

    private LiveHubClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var method in Methods)
        {
            connection.On<JsonElement>(method, payload => _received.Enqueue((method, payload)));
        }
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<(string Method, JsonElement Payload)> Received => [.. _received];

    /// <summary>Connects with the key in the <c>X-Api-Key</c> header.</summary>
    public static Task<LiveHubClient> ConnectAsync(SiloProcess silo, string apiKey) =>
        StartAsync(new HubConnectionBuilder()
            .WithUrl(HubUrl(silo), o => o.Headers["X-Api-Key"] = apiKey)
            .Build());

    /// <summary>Connects as a browser must: WebSockets only, the key as <c>access_token</c> in the query string.</summary>
    public static Task<LiveHubClient> ConnectWithQueryTokenAsync(SiloProcess silo, string apiKey) =>
        StartAsync(new HubConnectionBuilder()
            .WithUrl($"{HubUrl(silo)}?access_token={Uri.EscapeDataString(apiKey)}", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build());

    public static string HubUrl(SiloProcess silo) => $"http://127.0.0.1:{silo.Ports.Http}/hubs/live";

    /// <summary>Waits for a message of <paramref name="method"/> that satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool> match, string expectation, TimeSpan? timeout = null)
    {
        var found = await Eventually.ReturnsAsync(
            () => Task.FromResult(_received.Where(r => r.Method == method).Select(r => (JsonElement?)r.Payload).LastOrDefault(p => match(p!.Value))),
            p => p is not null,
            timeout ?? TimeSpan.FromSeconds(30),
            $"{expectation} (received: {string.Join(", ", _received.Select(r => $"{r.Method} {r.Payload}"))})");
        return found!.Value;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private static async Task<LiveHubClient> StartAsync(HubConnection connection)
    {
        var client = new LiveHubClient(connection);
        await connection.StartAsync();
        return client;
    }
}
