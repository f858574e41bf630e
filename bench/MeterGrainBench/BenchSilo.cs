using System.Globalization;
using System.Security.Cryptography;
using MeterGrains.Alerts;
using MeterGrains.Hosting;
using MeterGrains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;

namespace MeterGrains.Bench;

/// <summary>
/// One silo in this process with the real meter grain (wired by <see cref="MeterGrainsServiceCollectionExtensions.AddMeterGrains"/>),
/// grain state in <see cref="DiscardingGrainStorage"/> under the provider name the grains use, and <see cref="DiscardingReadingStore"/>.
/// </summary>
internal static class BenchSilo
{
    public static async Task<IHost> StartAsync(DiscardingGrainStorage storage, int snapshotEveryReadings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error); // on a busy machine Orleans warns of every late timer
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Each filled meter writes its snapshot exactly once, after its last reading, and no timer writes
            // in between: the written sizes are those of the steady state.
            ["Meters:SnapshotEveryReadings"] = snapshotEveryReadings.ToString(CultureInfo.InvariantCulture),
            ["Meters:SnapshotInterval"] = "02:00:00",
            ["Privacy:PersonalDataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(2)); // nothing is collected during the run
            // Full collections of a heap of gigabytes on a shared 2-core machine pause for seconds; a call must outlast them.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
            silo.Services.AddGrainStorage(StorageNames.Postgres, (_, _) => storage);
        });
        builder.Services.AddMeterGrains();
        builder.Services.AddSingleton<IReadingStore, DiscardingReadingStore>();
        builder.Services.AddSingleton<IAlertStore, DiscardingAlertStore>();

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
