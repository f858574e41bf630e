using System.Text;
using MeterGrains.Gateway.Devices;
using MeterGrains.Gateway.Mqtt;
using MeterGrains.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeterGrains.Gateway.Tests.Devices;

public sealed class DeviceAuthenticatorTests
{
    private readonly InMemoryDeviceStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly DeviceAuthenticator _authenticator;

    public DeviceAuthenticatorTests()
    {
        _store.Add("dev-1", DeviceFamily.Generic, "secret-1", "m-1");
        _authenticator = new DeviceAuthenticator(
            _store, Options.Create(new MqttOptions { DeviceCacheSeconds = 30 }), _clock, NullLogger<DeviceAuthenticator>.Instance);
    }

    private ValueTask<DeviceAuthentication> Authenticate(string? deviceId, string password) =>
        _authenticator.AuthenticateAsync(deviceId, Encoding.UTF8.GetBytes(password), CancellationToken.None);

    [Fact]
    public async Task Right_credentials_give_the_devices_grant()
    {
        var outcome = await Authenticate("dev-1", "secret-1");

        Assert.True(outcome.Succeeded);
        Assert.Equal("dev-1", outcome.Grant.DeviceId);
        Assert.True(outcome.Grant.MayPublish("meters/m-1/reading"));
    }

    [Theory]
    [InlineData("dev-1", "secret-2", "wrong password")]
    [InlineData("dev-1", "", "no password")]
    [InlineData("dev-9", "secret-1", "not registered")]
    [InlineData("", "secret-1", "no user name")]
    public async Task Wrong_credentials_are_refused_with_a_reason(string deviceId, string password, string reason)
    {
        var outcome = await Authenticate(deviceId, password);

        Assert.False(outcome.Succeeded);
        Assert.Contains(reason, outcome.Failure);
        Assert.DoesNotContain("secret", outcome.Failure); // the password is never echoed
    }

    [Fact]
    public async Task Reconnects_within_the_cache_lifetime_do_not_read_the_registry()
    {
        await Authenticate("dev-1", "secret-1");
        _clock.Advance(TimeSpan.FromSeconds(29));
        await Authenticate("dev-1", "secret-1");
        await Authenticate("dev-1", "wrong");
        Assert.Equal(1, _store.Reads);

        // 30 s after the read the entry is stale: the next connection reads again.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Authenticate("dev-1", "secret-1")).Succeeded);
        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task Unknown_ids_are_cached_too_until_forgotten()
    {
        await Authenticate("dev-2", "pw-2");
        _store.Add("dev-2", DeviceFamily.ShellyGen1, "pw-2");
        Assert.False((await Authenticate("dev-2", "pw-2")).Succeeded);
        Assert.Equal(1, _store.Reads);

        _authenticator.Forget("dev-2"); // what the registry does after registering
        Assert.True((await Authenticate("dev-2", "pw-2")).Succeeded);
    }

    [Fact]
    public async Task A_new_password_counts_once_the_device_is_forgotten()
    {
        Assert.True((await Authenticate("dev-1", "secret-1")).Succeeded);
        await _store.ReplacePasswordAsync("dev-1", DevicePasswords.Hash("secret-new"u8, iterations: 1000), _clock.GetUtcNow(), CancellationToken.None);
        _authenticator.Forget("dev-1");

        Assert.False((await Authenticate("dev-1", "secret-1")).Succeeded);
        Assert.True((await Authenticate("dev-1", "secret-new")).Succeeded);
    }

    [Fact]
    public async Task While_the_registry_is_away_known_devices_still_connect_and_unknown_ones_may_retry()
    {
        Assert.True((await Authenticate("dev-1", "secret-1")).Succeeded);
        _store.Failure = new TimeoutException("database away");
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True((await Authenticate("dev-1", "secret-1")).Succeeded);
        Assert.False((await Authenticate("dev-1", "wrong")).Succeeded);
        var unknown = await Authenticate("dev-3", "pw");
        Assert.False(unknown.Succeeded);
        Assert.True(unknown.StoreUnavailable);
    }
}
