using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace MeterGrains.Api.Dashboard;

/// <summary>
/// Where the dashboard's built files are (src/Dashboard, bundled by vite when Api.csproj builds and copied next to the
/// program) and the headers they are served with.
/// </summary>
public static class DashboardFiles
{
    /// <summary>The URL path the dashboard is served at.</summary>
    public const string RequestPath = "/dashboard";

    /// <summary>
    /// The page needs nothing from elsewhere: scripts, styles and connections (REST and the hub's WebSocket) stay on this
    /// origin, and no other site may frame it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The folder of the built dashboard next to the program.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "wwwroot", "dashboard");

    public static bool AreBuilt => File.Exists(Path.Combine(Directory, "index.html"));

    /// <summary>
    /// Vite names the bundled assets by their content hash, so they may be cached for good; the page itself is checked
    /// every time so a new build is picked up at once.
    /// </summary>
    public static void SetHeaders(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Context.Request.Path.StartsWithSegments($"{RequestPath}/assets"))
        {
            headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        }
        else
        {
            headers[HeaderNames.CacheControl] = "no-cache";
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        }
    }
}
