namespace MeterGrains.Gateway.Commands;

/// <summary>
/// The devices with a client connected to this silo's embedded broker that has subscribed (to anything it may: its command
/// topics), so that the <see cref="CommandDispatcher"/> claims only commands it can deliver. Counting from the first
/// subscription rather than from the connection leaves no gap in which a command is published before the device listens. A client stands for device <c>D</c> when it authenticated as <c>D</c>, or, anonymous (the
/// Development profile), when its client id is <c>D</c> or starts with <c>D/</c> (the rule authenticated devices follow).
/// </summary>
/// <remarks>
/// Keyed by client id, which the broker keeps unique: a session takeover reports the old client gone before the new one
/// arrives, so the device stays counted once. Thread-safe; the broker reports connections from many threads.
/// </remarks>
public sealed class ConnectedDevices
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _deviceByClient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _clientsByDevice = new(StringComparer.Ordinal);

    /// <summary>The device a client stands for: the authenticated device, else the client id up to its first <c>/</c>.</summary>
    public static string DeviceOf(string clientId, string? authenticatedDeviceId)
    {
        if (authenticatedDeviceId is not null)
        {
            return authenticatedDeviceId;
        }

        var slash = clientId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? clientId : clientId[..slash];
    }

    /// <summary>True while a subscribed client of <paramref name="deviceId"/> is connected.</summary>
    public bool IsConnected(string deviceId)
    {
        lock (_lock)
        {
            return _clientsByDevice.ContainsKey(deviceId);
        }
    }

    /// <summary>A client of <paramref name="deviceId"/> subscribed (again: counted once per client).</summary>
    public void Subscribed(string clientId, string deviceId)
    {
        lock (_lock)
        {
            RemoveLocked(clientId);
            _deviceByClient[clientId] = deviceId;
            _clientsByDevice[deviceId] = _clientsByDevice.GetValueOrDefault(deviceId) + 1;
        }
    }

    /// <summary>The client disconnected (or was taken over).</summary>
    public void Disconnected(string clientId)
    {
        lock (_lock)
        {
            RemoveLocked(clientId);
        }
    }

    /// <summary>Forgets every client (the broker stopped).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _deviceByClient.Clear();
            _clientsByDevice.Clear();
        }
    }

    private void RemoveLocked(string clientId)
    {
        if (!_deviceByClient.Remove(clientId, out var deviceId))
        {
            return;
        }

        if (_clientsByDevice[deviceId] <= 1)
        {
            _clientsByDevice.Remove(deviceId);
        }
        else
        {
            _clientsByDevice[deviceId]--;
        }
    }
}
