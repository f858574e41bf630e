namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>The values of one <see cref="Gen1WindowKey"/> gathered since <see cref="OpenedAt"/>. Guarded by its assembler.</summary>
internal sealed class Gen1Window
{
    /// <summary>Phases of a Shelly 3EM.</summary>
    public const int PhaseCount = 3;

    private readonly ShellyChannelValues[] _channels;

    public Gen1Window(Gen1WindowKey key, DateTimeOffset openedAt)
    {
        Key = key;
        OpenedAt = openedAt;
        _channels = new ShellyChannelValues[key.Channel is null ? PhaseCount : 1];
        for (var i = 0; i < _channels.Length; i++)
        {
            _channels[i] = new ShellyChannelValues();
        }
    }

    public Gen1WindowKey Key { get; }

    /// <summary>Receive time of the first value: the reading's timestamp.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>Set once the window's readings have been taken out; it then lingers in the release queue only.</summary>
    public bool IsClosed { get; set; }

    /// <summary>The values of one channel (EM) or one phase (3EM, <paramref name="phase"/> 0–2).</summary>
    public ShellyChannelValues Channel(int phase = 0) => _channels[Key.Channel is null ? phase : 0];

    /// <summary>
    /// Adds <paramref name="value"/>; <c>false</c> when the window already holds that quantity of that channel, which means
    /// the device has started its next publication.
    /// </summary>
    public bool TryAdd(Gen1Value value)
    {
        var channel = Channel(value.Channel);
        if (channel.Mentions(value.Quantity))
        {
            return false;
        }

        channel.Set(value.Quantity, value.Value);
        return true;
    }
}
