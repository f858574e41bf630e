using System.Net;
using System.Text.RegularExpressions;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>The dashboard's files as the API role serves them: public, at /dashboard/, with their caching and policy headers.</summary>
[Collection(LiveSiloCollection.Name)]
public sealed partial class DashboardFilesTests(LiveSiloFixture fixture)
{
    private SiloProcess Silo => fixture.Silo;

    [Fact]
    public async Task The_root_leads_to_the_page_which_needs_no_key_and_allows_nothing_from_elsewhere()
    {
        // No key, and redirects are looked at rather than followed.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Silo.Ports.Http}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        using var root = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/dashboard/", root.Headers.Location?.OriginalString);

        using var page = await anonymous.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.CacheControl?.NoCache, "index.html is revalidated every time");
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));

        // The bundle vite wrote is named by its content hash, so it may be cached for good.
        var html = await page.Content.ReadAsStringAsync();
        var script = ScriptPath().Match(html);
        Assert.True(script.Success, $"index.html names no bundled script:\n{html}");
        using var bundle = await anonymous.GetAsync($"/dashboard/{script.Groups["path"].Value}");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        var caching = bundle.Headers.CacheControl!;
        Assert.True(caching.Public);
        Assert.Equal(TimeSpan.FromDays(365), caching.MaxAge);
        Assert.Contains(caching.Extensions, e => e.Name == "immutable");
        // The bundle holds the SignalR client and talks to the live hub.
        Assert.Contains("hubs/live", await bundle.Content.ReadAsStringAsync());

        // The data behind the page still needs a key.
        using var meters = await anonymous.GetAsync("/api/v1/meters/anything");
        Assert.Equal(HttpStatusCode.Unauthorized, meters.StatusCode);
    }

    [GeneratedRegex("""<script type="module" crossorigin src="\./(?<path>assets/[^"]+\.js)">""")]
    private static partial Regex ScriptPath();
}
