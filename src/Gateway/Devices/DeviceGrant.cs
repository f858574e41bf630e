using MeterGrains.Gateway.Decoding;

namespace MeterGrains.Gateway.Devices;

/// <summary>
/// What one authenticated device may do on the broker (interfaces.md): publish only under its own topics, subscribe only
/// to its own command topics, and feed only its own meters. Pure and immutable: built once per connection, then consulted
/// per message without any I/O.
/// </summary>
public sealed class DeviceGrant
{
    private DeviceGrant(string deviceId, DeviceFamily family, IReadOnlySet<string> meters, string[] publish, string[] subscribe)
    {
        DeviceId = deviceId;
        Family = family;
        Meters = meters;
        PublishFilters = publish;
        SubscribeFilters = subscribe;
    }

    public string DeviceId { get; }

    public DeviceFamily Family { get; }

    /// <summary>The meters of a generic device; empty for Shelly devices, whose meters follow from the device id.</summary>
    public IReadOnlySet<string> Meters { get; }

    /// <summary>Topic filters the device may publish to.</summary>
    public IReadOnlyList<string> PublishFilters { get; }

    /// <summary>Topic filters within which the device may subscribe: its command topics.</summary>
    public IReadOnlyList<string> SubscribeFilters { get; }

    /// <summary>The grant of a device of <paramref name="family"/>; <paramref name="meters"/> counts for generic devices only.</summary>
    public static DeviceGrant For(string deviceId, DeviceFamily family, IEnumerable<string> meters)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        var id = deviceId;
        return family switch
        {
            DeviceFamily.Generic => GenericGrant(id, meters.ToHashSet(StringComparer.Ordinal)),
            // Gen1 commands (shelly.md): relay/N/command, emeter/N/command, command; plus the fleet-wide shellies/command
            // (announce, update) that every Gen1 device subscribes to.
            DeviceFamily.ShellyGen1 => new DeviceGrant(id, family, EmptyMeters,
                [$"shellies/{id}/#"],
                [$"shellies/{id}/relay/+/command", $"shellies/{id}/emeter/+/command", $"shellies/{id}/command", "shellies/command"]),
            // Gen2 JSON-RPC requests arrive on {prefix}/rpc; the prefix is the device id.
            DeviceFamily.ShellyGen2 => new DeviceGrant(id, family, EmptyMeters, [$"{id}/#"], [$"{id}/rpc"]),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown device family"),
        };
    }

    /// <summary>True when the device may publish to <paramref name="topic"/>.</summary>
    public bool MayPublish(string topic)
    {
        foreach (var filter in PublishFilters)
        {
            if (MqttTopicFilter.Matches(filter, topic))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when everything <paramref name="topicFilter"/> can match is one of the device's command topics.</summary>
    public bool MaySubscribe(string topicFilter)
    {
        foreach (var granted in SubscribeFilters)
        {
            if (MqttTopicFilter.Covers(granted, topicFilter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when readings of <paramref name="meterId"/> may come from this device.</summary>
    public bool MayFeed(string meterId) => Family == DeviceFamily.Generic
        ? Meters.Contains(meterId)
        : meterId == DeviceId || (meterId.StartsWith(DeviceId, StringComparison.Ordinal) && meterId.Length > DeviceId.Length && meterId[DeviceId.Length] == ':');

    /// <summary>
    /// True when a client id belongs to this device: the device id itself, or <c>{deviceId}/{anything}</c> for a second
    /// connection. Binding client ids to devices stops one device from taking over another's MQTT session.
    /// </summary>
    public bool OwnsClientId(string clientId) =>
        clientId == DeviceId
        || (clientId.Length > DeviceId.Length + 1 && clientId.StartsWith(DeviceId, StringComparison.Ordinal) && clientId[DeviceId.Length] == '/');

    private static readonly IReadOnlySet<string> EmptyMeters = new HashSet<string>();

    private static DeviceGrant GenericGrant(string id, HashSet<string> meters) => new(
        id, DeviceFamily.Generic, meters,
        [.. meters.Order(StringComparer.Ordinal).Select(static m => $"meters/{m}/#")],
        [.. meters.Order(StringComparer.Ordinal).Select(static m => $"meters/{m}/commands")]);
}
