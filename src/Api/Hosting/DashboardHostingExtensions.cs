using MeterGrains.Api.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Api.Hosting;

public static class DashboardHostingExtensions
{
    /// <summary>
    /// Serves the web dashboard at <c>/dashboard/</c> and redirects <c>/</c> there. The files are public: the page holds
    /// no data and asks for an API key or token, which it sends with every REST call and hub connection. Call before
    /// authentication. Without built files (a build with <c>-p:SkipDashboard=true</c>) it logs a warning and serves nothing.
    /// </summary>
    public static WebApplication UseMeterGrainsDashboard(this WebApplication app)
    {
        if (!DashboardFiles.AreBuilt)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardFiles).FullName!);
            logger.DashboardNotBuilt(DashboardFiles.Directory);
            return app;
        }

        var files = new PhysicalFileProvider(DashboardFiles.Directory);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = DashboardFiles.RequestPath });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = DashboardFiles.RequestPath,
            OnPrepareResponse = DashboardFiles.SetHeaders,
        });
        // The page is public (every call it makes needs a credential), and so is the way to it.
        app.MapGet("/", () => TypedResults.Redirect($"{DashboardFiles.RequestPath}/")).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
