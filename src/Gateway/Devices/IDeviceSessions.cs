namespace MeterGrains.Gateway.Devices;

/// <summary>The live MQTT connections of devices in this process (the embedded broker), so that revoking a device ends them.</summary>
public interface IDeviceSessions
{
    /// <summary>Disconnects every client of <paramref name="deviceId"/>; returns how many were connected.</summary>
    Task<int> DisconnectAsync(string deviceId, CancellationToken cancellationToken);
}
