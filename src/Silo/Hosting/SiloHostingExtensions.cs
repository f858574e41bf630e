using System.Net;
using MeterGrains.Api.Hosting;
using MeterGrains.Exports.Hosting;
using MeterGrains.Gateway.Hosting;
using MeterGrains.Hosting;
using MeterGrains.Imports.Hosting;
using MeterGrains.Meters;
using MeterGrains.Silo.Database;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace MeterGrains.Silo.Hosting;

public static class SiloHostingExtensions
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// Composes one silo process from configuration: PostgreSQL (schema migrated before the silo starts),
    /// Orleans on the ADO.NET providers, and the roles named by <c>Roles</c>.
    /// </summary>
    public static SiloRoles AddMeterGrainsSilo(this WebApplicationBuilder builder)
    {
        var roles = SiloRoles.Parse(builder.Configuration[SiloRoles.ConfigurationKey]);
        builder.Services.AddSingleton(roles);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Configuration key 'ConnectionStrings:{ConnectionStringName}' is not set (environment: ConnectionStrings__{ConnectionStringName}); ./run.sh sets it for a local run.");
        }

        var (orleansConnectionString, dataSourceConnectionString) = ConnectionBudget.Split(connectionString);

        // Registered before Orleans so the schema exists before the silo joins the cluster.
        builder.Services.AddPostgresDatabase(dataSourceConnectionString);

        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        var siloOptions = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var validation = new SiloOptionsValidator().Validate(null, siloOptions);
        if (validation.Failed)
        {
            throw new OptionsValidationException(SiloOptions.SectionName, typeof(SiloOptions), validation.Failures);
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = siloOptions.ClusterId;
                o.ServiceId = siloOptions.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(siloOptions.AdvertisedAddress), siloOptions.SiloPort, siloOptions.GatewayPort, siloOptions.ListenOnAnyAddress);
            silo.UsePostgresClusteringStorageAndReminders(orleansConnectionString);
            // Traces go on from a caller's span into the grain it calls (and its PostgreSQL writes).
            silo.AddActivityPropagation();
        });

        builder.Services.AddMeterGrains();
        builder.Services.AddPostgresReadingStore();
        builder.Services.AddPostgresAlertStore();
        builder.Services.AddPostgresHouseholdDirectory();
        builder.Services.AddPostgresAnalyticsResultStore();
        builder.Services.AddPostgresDeadLetterStore();
        builder.Services.AddPostgresDeviceRegistry();
        builder.Services.AddDeviceCommands(gateway: roles.Gateway);
        if (!roles.Grains)
        {
            // A silo without the grains role still calls grains but hosts none of ours.
            builder.Services.Configure<GrainTypeOptions>(o => o.Classes.RemoveWhere(t => t.Assembly == typeof(MeterGrain).Assembly));
        }

        if (roles.Gateway)
        {
            builder.Services.AddMqttGateway();
            builder.Services.AddGatewayRegistration();
        }

        if (roles.Api)
        {
            builder.Services.AddMeterGrainsApi();
            builder.Services.AddCsvImports();
        }

        if (roles.Grains || roles.Api)
        {
            // Grain silos export and apply retention on their schedule; API silos run exports on an operator's request.
            builder.Services.AddDailyExports(schedule: roles.Grains);
        }

        builder.Services.AddMeterGrainsHealthChecks();
        builder.Services.AddShutdownTimeout();
        builder.AddMeterGrainsTelemetry();
        return roles;
    }

    /// <summary>The host's shutdown timeout from <c>Shutdown:Timeout</c>, validated at start.</summary>
    private static void AddShutdownTimeout(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
    }

    /// <summary>Maps the health and metrics endpoints, and the API role's endpoints and dashboard when this silo has it.</summary>
    public static WebApplication MapMeterGrainsEndpoints(this WebApplication app)
    {
        app.MapMeterGrainsHealthChecks();
        app.MapMeterGrainsMetrics();
        if (app.Services.GetRequiredService<SiloRoles>().Api)
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.UseMeterGrainsDashboard();
            app.UseMeterGrainsApiSecurity();
            app.MapMeterGrainsApi();
        }

        return app;
    }
}
