namespace MeterGrains.Gateway.Devices;

/// <summary>Where registered devices and their password hashes live.</summary>
public interface IDeviceStore
{
    /// <summary>Adds a device; refuses an existing device id, or a meter already claimed by another device.</summary>
    ValueTask<DeviceAddResult> AddAsync(RegisteredDevice device, CancellationToken cancellationToken);

    /// <summary>The device, or null when none has the id.</summary>
    ValueTask<RegisteredDevice?> GetAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>
    /// The device a meter belongs to, or null: a generic device that lists the meter, or a Shelly device whose id is the
    /// meter id or the meter id without its <c>:N</c> channel suffix.
    /// </summary>
    ValueTask<RegisteredDevice?> FindByMeterAsync(string meterId, CancellationToken cancellationToken);

    /// <summary>Replaces the device's password hash; false when the device does not exist.</summary>
    ValueTask<bool> ReplacePasswordAsync(string deviceId, PasswordHash password, DateTimeOffset issuedAt, CancellationToken cancellationToken);

    /// <summary>Removes the device and its meter claims; false when it did not exist.</summary>
    ValueTask<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken);
}
