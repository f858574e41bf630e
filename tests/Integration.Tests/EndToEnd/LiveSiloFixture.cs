using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>One real silo with every role for the live hub tests; meters go offline after 3 s so alerts come quickly.</summary>
public sealed class LiveSiloFixture : IAsyncLifetime
{
    public static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(3);

    private SiloProcess? _silo;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync("live");
        _silo = await SiloProcess.StartAsync(database, $"live-{Guid.NewGuid():N}",
            settings: new Dictionary<string, string> { ["Meters__OfflineAfter"] = "00:00:03" });
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LiveSiloCollection : ICollectionFixture<LiveSiloFixture>
{
    public const string Name = "live silo";
}
