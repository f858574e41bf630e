namespace MeterGrains.Gateway.Commands;

/// <summary>Switch relay (Gen1) or switch (Gen2) <paramref name="Channel"/> on or off: the command named <c>relay</c>.</summary>
public sealed record RelayCommand(int Channel, bool On)
{
    /// <summary>The name clients use in <c>POST /api/v1/meters/{meterId}/commands</c>.</summary>
    public const string Name = "relay";

    /// <summary>The highest relay channel accepted; Shelly devices have at most a few.</summary>
    public const int MaxChannel = 15;
}
