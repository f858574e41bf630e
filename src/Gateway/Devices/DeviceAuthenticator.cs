using System.Collections.Concurrent;
using System.Security.Cryptography;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Devices;

/// <summary>
/// Checks a connecting device's credentials against the registry, once per connection and never per message.
/// </summary>
/// <remarks>
/// Registry rows (and unknown ids) are cached for <see cref="MqttOptions.DeviceCacheSeconds"/>, so a reconnecting fleet
/// does not read the database once per device. After a password passed the slow PBKDF2 check, a keyed fingerprint
/// of it (HMAC-SHA256 with a key that lives only in this process) is kept with the row, so reconnects within the cache
/// lifetime skip PBKDF2. When the registry cannot be read, a cached row past its lifetime is still used: known devices
/// keep connecting while the database is away. Revocation on this process is immediate (<see cref="Forget"/>); other
/// gateway processes notice within the cache lifetime.
/// </remarks>
public sealed class DeviceAuthenticator(IDeviceStore store, IOptions<MqttOptions> options, TimeProvider clock, ILogger<DeviceAuthenticator> logger)
{
    // Beyond this many cached ids (mostly unknown ones from a guessing client), expired entries are swept, then all.
    private const int MaxCachedDevices = 100_000;

    private readonly ConcurrentDictionary<string, CachedDevice> _cache = new(StringComparer.Ordinal);
    private readonly byte[] _fingerprintKey = RandomNumberGenerator.GetBytes(32);
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(options.Value.DeviceCacheSeconds);

    /// <summary>Checks <paramref name="password"/> (the raw bytes of the MQTT CONNECT) for device <paramref name="deviceId"/>.</summary>
    public async ValueTask<DeviceAuthentication> AuthenticateAsync(string? deviceId, ReadOnlyMemory<byte> password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            return DeviceAuthentication.Refused("no user name (the device id) was given");
        }

        if (password.IsEmpty)
        {
            return DeviceAuthentication.Refused($"device '{deviceId}' gave no password");
        }

        var now = clock.GetUtcNow();
        if (!_cache.TryGetValue(deviceId, out var cached) || now - cached.LoadedAt >= _lifetime)
        {
            try
            {
                var device = await store.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
                cached = new CachedDevice(device, device?.ToGrant(), now, VerifiedFingerprint: null);
                Remember(deviceId, cached);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.RegistryUnavailable(deviceId, ex);
                if (cached is null)
                {
                    return new DeviceAuthentication(null, $"device registry unavailable while checking '{deviceId}'", StoreUnavailable: true);
                }
            }
        }

        if (cached.Device is null || cached.Grant is null)
        {
            return DeviceAuthentication.Refused($"device '{deviceId}' is not registered");
        }

        var fingerprint = HMACSHA256.HashData(_fingerprintKey, password.Span);
        if (cached.VerifiedFingerprint is { } verified && CryptographicOperations.FixedTimeEquals(verified, fingerprint))
        {
            return new DeviceAuthentication(cached.Grant, null);
        }

        if (!DevicePasswords.Verify(password.Span, cached.Device.Password))
        {
            return DeviceAuthentication.Refused($"wrong password for device '{deviceId}'");
        }

        // Only the entry read from the registry is updated: a Forget in between wins.
        _cache.TryUpdate(deviceId, cached with { VerifiedFingerprint = fingerprint }, cached);
        return new DeviceAuthentication(cached.Grant, null);
    }

    /// <summary>Drops what is cached of <paramref name="deviceId"/>: its next connection reads the registry.</summary>
    public void Forget(string deviceId) => _cache.TryRemove(deviceId, out _);

    private void Remember(string deviceId, CachedDevice entry)
    {
        if (_cache.Count >= MaxCachedDevices)
        {
            var now = clock.GetUtcNow();
            foreach (var (id, old) in _cache)
            {
                if (now - old.LoadedAt >= _lifetime)
                {
                    _cache.TryRemove(id, out _);
                }
            }

            if (_cache.Count >= MaxCachedDevices)
            {
                _cache.Clear();
            }
        }

        _cache[deviceId] = entry;
    }

    private sealed record CachedDevice(RegisteredDevice? Device, DeviceGrant? Grant, DateTimeOffset LoadedAt, byte[]? VerifiedFingerprint);
}
