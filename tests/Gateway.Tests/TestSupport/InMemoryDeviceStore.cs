using System.Collections.Concurrent;
using MeterGrains.Gateway.Devices;

namespace MeterGrains.Gateway.Tests.TestSupport;

/// <summary>A device store in memory that counts its reads, for the authenticator's cache and broker tests without PostgreSQL.</summary>
internal sealed class InMemoryDeviceStore : IDeviceStore
{
    private readonly ConcurrentDictionary<string, RegisteredDevice> _devices = new(StringComparer.Ordinal);
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>When set, every read throws it (the database is away).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Registers a device with <paramref name="password"/> (few PBKDF2 iterations: tests need not be slow).</summary>
    public void Add(string deviceId, DeviceFamily family, string password, params string[] meters) =>
        _devices[deviceId] = new RegisteredDevice(
            deviceId, family, meters, DevicePasswords.Hash(System.Text.Encoding.UTF8.GetBytes(password), iterations: 1000),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public ValueTask<DeviceAddResult> AddAsync(RegisteredDevice device, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_devices.TryAdd(device.DeviceId, device) ? DeviceAddResult.Success : DeviceAddResult.Refused("exists"));

    public ValueTask<RegisteredDevice?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (Failure is { } failure)
        {
            throw failure;
        }

        return ValueTask.FromResult(_devices.TryGetValue(deviceId, out var device) ? device : null);
    }

    public ValueTask<RegisteredDevice?> FindByMeterAsync(string meterId, CancellationToken cancellationToken)
    {
        var candidates = DeviceRules.ShellyDeviceCandidates(meterId).ToList();
        return ValueTask.FromResult(_devices.Values.FirstOrDefault(d => d.Family == DeviceFamily.Generic
            ? d.Meters.Contains(meterId)
            : candidates.Contains(d.DeviceId)));
    }

    public ValueTask<bool> ReplacePasswordAsync(string deviceId, PasswordHash password, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        if (!_devices.TryGetValue(deviceId, out var device))
        {
            return ValueTask.FromResult(false);
        }

        _devices[deviceId] = device with { Password = password, CredentialsIssuedAt = issuedAt };
        return ValueTask.FromResult(true);
    }

    public ValueTask<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_devices.TryRemove(deviceId, out _));
}
