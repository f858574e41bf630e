using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>One real silo process with every role, on its own fresh database.</summary>
public sealed class SingleSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    internal string ConnectionString { get; private set; } = string.Empty;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("slice");
        // A short reply timeout, so that DeviceCommandTests sees an unanswered Gen2 command fail within its deadline;
        // a 1 MiB upload limit, so that CsvImportTests can go past it.
        _silo = await SiloProcess.StartAsync(
            ConnectionString,
            $"slice-{Guid.NewGuid():N}",
            settings: new Dictionary<string, string> { ["Commands__ReplyTimeout"] = "00:00:05", ["Imports__MaxUploadBytes"] = "1048576" });
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
public sealed class SingleSiloCollection : ICollectionFixture<SingleSiloFixture>
{
    public const string Name = "single silo";
}
