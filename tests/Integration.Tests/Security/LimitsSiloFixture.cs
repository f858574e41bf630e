using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.Security;

/// <summary>A real silo with small limits: a caller's bucket of 3 refilled with 1 a second, bodies up to 2048 bytes.</summary>
public sealed class LimitsSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync("limits");
        _silo = await SiloProcess.StartAsync(connectionString, $"limits-{Guid.NewGuid():N}", settings: new Dictionary<string, string>
        {
            ["RateLimits__PerCaller__PermitsPerSecond"] = "1",
            ["RateLimits__PerCaller__Burst"] = "3",
            ["RequestLimits__MaxBodyBytes"] = "2048",
            // The one reverse proxy this silo believes: 127.0.0.2 (the tests' usual 127.0.0.1 is a direct caller).
            ["ReverseProxy__KnownProxies__0"] = "127.0.0.2",
        });
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
