using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// <c>GET /api/v1/households</c>: the directory a page at a time, ids for the operator and pseudonyms for a processing app
/// (each one it can name the household by). This test's households have an occupant count no other test uses, and the
/// listing is filtered by it, so other tests' households on the shared silo do not show.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class HouseholdListTests(SingleSiloFixture fixture)
{
    [Fact]
    public async Task Operators_page_through_ids_and_processing_apps_through_pseudonyms_they_can_use()
    {
        var http = fixture.Silo.Http;
        var occupants = Random.Shared.Next(1_000, 1_000_000);
        var prefix = $"hl-{Guid.NewGuid():N}"[..11];
        string[] ids = [$"{prefix}-c", $"{prefix}-a", $"{prefix}-b"];
        foreach (var id in ids)
        {
            using var put = await http.PutAsJsonAsync($"/api/v1/households/{id}", new
            {
                type = id.EndsWith("-b", StringComparison.Ordinal) ? "apartment" : "house",
                occupants,
                timeZone = "Europe/Brussels",
                name = "Somebody",
                meters = new[] { new { meterId = $"{id}-grid", role = "grid" } },
            });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        // Operator, two a page: a and b, then c and the end.
        var first = await ReadingsJson.GetAsync(http, $"/api/v1/households?occupants={occupants}&limit=2");
        Assert.Equal([$"{prefix}-a", $"{prefix}-b"], Ids(first));
        Assert.Equal($"{prefix}-b", first.GetProperty("next").GetString());
        var second = await ReadingsJson.GetAsync(http, $"/api/v1/households?occupants={occupants}&limit=2&after={prefix}-b");
        Assert.Equal([$"{prefix}-c"], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var item = second.GetProperty("households")[0];
        Assert.Equal(("house", occupants, "Europe/Brussels"), (item.GetProperty("type").GetString(), item.GetProperty("occupants").GetInt32(), item.GetProperty("timeZone").GetString()));
        Assert.False(item.TryGetProperty("name", out _));
        Assert.Equal([$"{prefix}-b"], Ids(await ReadingsJson.GetAsync(http, $"/api/v1/households?occupants={occupants}&type=apartment")));

        // Processing app: the pseudonyms of the same three (computed here from domain.md's formula), in their own order,
        // one a page; each names its household.
        using var processor = fixture.Silo.CreateClient(SiloProcess.ProcessorApiKey);
        var expected = ids.Select(TestPseudonyms.Of).Order(StringComparer.Ordinal).ToList();
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await ReadingsJson.GetAsync(processor, $"/api/v1/households?occupants={occupants}&limit=1{(after is null ? "" : $"&after={after}")}");
            seen.AddRange(Ids(page));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null && seen.Count < 10);

        Assert.Equal(expected, seen);
        var household = await ReadingsJson.GetAsync(processor, $"/api/v1/households/{seen[0]}");
        Assert.Equal(seen[0], household.GetProperty("householdId").GetString());
        Assert.DoesNotContain(ids, id => household.GetRawText().Contains(id, StringComparison.Ordinal));

        // A bad page size or cursor is a 400 with problem details.
        using var badLimit = await http.GetAsync("/api/v1/households?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("limit must be a whole number from 1 to 1000", await badLimit.Content.ReadAsStringAsync());
        using var badCursor = await processor.GetAsync($"/api/v1/households?after={prefix}-a");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal("application/problem+json", badCursor.Content.Headers.ContentType?.MediaType);
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("households").EnumerateArray().Select(h => h.GetProperty("householdId").GetString()!)];
}
