using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>Bad parameters of <c>GET /api/v1/alerts</c> get problem details naming the parameter.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class AlertQueryTests(SingleSiloFixture fixture)
{
    [Theory]
    [InlineData("from=yesterday", "from 'yesterday'")]
    [InlineData("to=2026-13-01T00:00:00Z", "to '2026-13-01T00:00:00Z'")]
    [InlineData("from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z", "from must be before to")]
    [InlineData("limit=0", "limit must be")]
    public async Task Bad_alert_queries_get_problem_details(string query, string named)
    {
        using var response = await fixture.Silo.Http.GetAsync($"/api/v1/alerts?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString());
    }
}
