using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// A silo on a fresh database of its own with k = 3 (<c>Cohorts:MinHouseholds</c>): cohorts average over every household
/// in the database, so no other test's households may join them.
/// </summary>
public sealed class CohortSiloFixture : IAsyncLifetime
{
    public const int MinHouseholds = 3;

    private SiloProcess? _silo;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync("cohorts");
        _silo = await SiloProcess.StartAsync(
            connectionString,
            $"cohorts-{Guid.NewGuid():N}",
            settings: new Dictionary<string, string> { ["Cohorts__MinHouseholds"] = MinHouseholds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
