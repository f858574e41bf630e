using System.Text;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Gateway.Devices;

/// <summary>
/// Registers devices and issues, rotates and revokes their MQTT credentials (<c>/api/v1/devices</c>). A rotation or
/// revocation takes effect at once on this process: the cached credentials are dropped and the device's live
/// connections to the embedded broker, if it runs here, are closed.
/// </summary>
public sealed class DeviceRegistry(
    IDeviceStore store,
    DeviceAuthenticator authenticator,
    IEnumerable<IDeviceSessions> sessions,
    TimeProvider clock,
    ILogger<DeviceRegistry> logger)
{
    /// <summary>Registers a device that <see cref="DeviceRules"/> accepted and returns its credentials, or the conflict.</summary>
    public async ValueTask<(IssuedCredentials? Credentials, string? Conflict)> RegisterAsync(
        string deviceId, DeviceFamily family, IReadOnlyList<string> meters, CancellationToken cancellationToken)
    {
        var password = DevicePasswords.Generate();
        var now = clock.GetUtcNow();
        var device = new RegisteredDevice(
            deviceId, family, [.. meters.Order(StringComparer.Ordinal)], DevicePasswords.Hash(Encoding.UTF8.GetBytes(password)), now, now);
        var added = await store.AddAsync(device, cancellationToken);
        if (!added.Added)
        {
            return (null, added.Conflict);
        }

        // A connection attempt before the registration may have cached "unknown device".
        authenticator.Forget(deviceId);
        logger.DeviceRegistered(deviceId, DeviceFamilyNames.ToName(family), device.Meters.Count);
        return (new IssuedCredentials(device, deviceId, password), null);
    }

    /// <summary>The device, or null when unknown.</summary>
    public ValueTask<RegisteredDevice?> GetAsync(string deviceId, CancellationToken cancellationToken) => store.GetAsync(deviceId, cancellationToken);

    /// <summary>Issues a new password (the old one stops working) and closes the device's connections; null when unknown.</summary>
    public async ValueTask<IssuedCredentials?> RotateAsync(string deviceId, CancellationToken cancellationToken)
    {
        var password = DevicePasswords.Generate();
        var issuedAt = clock.GetUtcNow();
        if (!await store.ReplacePasswordAsync(deviceId, DevicePasswords.Hash(Encoding.UTF8.GetBytes(password)), issuedAt, cancellationToken))
        {
            return null;
        }

        await EndSessionsAsync(deviceId, cancellationToken);
        logger.CredentialsRotated(deviceId);
        var device = await store.GetAsync(deviceId, cancellationToken);
        return device is null ? null : new IssuedCredentials(device, deviceId, password);
    }

    /// <summary>Removes the device and closes its connections; false when unknown.</summary>
    public async ValueTask<bool> RevokeAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(deviceId, cancellationToken))
        {
            return false;
        }

        await EndSessionsAsync(deviceId, cancellationToken);
        logger.DeviceRevoked(deviceId);
        return true;
    }

    private async Task EndSessionsAsync(string deviceId, CancellationToken cancellationToken)
    {
        authenticator.Forget(deviceId);
        foreach (var live in sessions)
        {
            await live.DisconnectAsync(deviceId, cancellationToken);
        }
    }
}
