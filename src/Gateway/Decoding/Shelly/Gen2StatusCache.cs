namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>
/// The last known status of each energy component of each Shelly Gen2+ device, so that a NotifyStatus, which carries
/// only the fields that changed, can be overlaid on it. Only the fields MeterGrains reads are kept.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="ShellyGen2Options.MaxTrackedDevices"/> devices (and at most
/// 4 × (<see cref="Gen2Component.MaxIndex"/> + 1) components each, and the 6 phases of <c>em:0</c> and <c>emdata:0</c>). When a new device would exceed the bound, the device
/// updated longest ago is forgotten; its next NotifyStatus then yields only the fields it carries, never stale ones.
/// Thread-safe under one lock; the work under it is a few dictionary operations.
/// </remarks>
internal sealed class Gen2StatusCache(int maxDevices)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Device>> _devices = new(StringComparer.Ordinal);

    // Most recently updated first.
    private readonly LinkedList<Device> _recency = new();

    /// <summary>Devices tracked now.</summary>
    public int DeviceCount
    {
        get
        {
            lock (_lock)
            {
                return _devices.Count;
            }
        }
    }

    /// <summary>Devices forgotten so far to stay within the bound.</summary>
    public long Evictions { get; private set; }

    /// <summary>
    /// Applies <paramref name="update"/> to what is known of <paramref name="component"/> of <paramref name="deviceId"/>
    /// and returns the result (a copy): with <paramref name="isFullStatus"/> the update replaces the known status,
    /// otherwise the fields it mentions are overlaid on it.
    /// </summary>
    public ShellyChannelValues Apply(string deviceId, string component, ShellyChannelValues update, bool isFullStatus)
    {
        lock (_lock)
        {
            var device = Touch(deviceId);
            if (isFullStatus || !device.Components.TryGetValue(component, out var known))
            {
                known = new ShellyChannelValues();
                device.Components[component] = known;
            }

            known.Overlay(update);
            return known.Copy();
        }
    }

    private Device Touch(string deviceId)
    {
        if (_devices.TryGetValue(deviceId, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value;
        }

        if (_devices.Count >= maxDevices && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _devices.Remove(oldest.Value.Id);
            Evictions++;
        }

        node = _recency.AddFirst(new Device(deviceId));
        _devices.Add(deviceId, node);
        return node.Value;
    }

    private sealed class Device(string id)
    {
        public string Id { get; } = id;

        public Dictionary<string, ShellyChannelValues> Components { get; } = new(StringComparer.Ordinal);
    }
}
