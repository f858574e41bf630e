using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>Generic JSON reading payloads and the REST calls that send and fetch them.</summary>
internal static class ReadingsJson
{
    /// <summary>
    /// The whole UTC hour two hours before now: readings placed from there on are inside the 7-day late-data limit,
    /// not ahead of the clock, and whole quarter-hours old.
    /// </summary>
    public static DateTimeOffset RecentHour()
    {
        var now = DateTimeOffset.UtcNow.AddHours(-2);
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// One reading a minute from <paramref name="start"/> to <paramref name="start"/> + <paramref name="minutes"/>
    /// (both included), each with <paramref name="field"/> = <paramref name="watts"/>, and, when given, an import register
    /// rising by <paramref name="watts"/>/60 Wh a minute from <paramref name="registerStartWh"/>.
    /// </summary>
    public static string ConstantPower(DateTimeOffset start, int minutes, string field, double watts, double? registerStartWh = null)
    {
        var readings = Enumerable.Range(0, minutes + 1).Select(m =>
        {
            var register = registerStartWh is { } r ? $",\"importRegisterWh\":{Number(r + (watts / 60 * m))}" : string.Empty;
            return $"{{\"ts\":\"{Iso(start.AddMinutes(m))}\",\"{field}\":{Number(watts)}{register}}}";
        });
        return $"[{string.Join(',', readings)}]";
    }

    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> PostAsync(HttpClient http, string meterId, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"/api/v1/meters/{meterId}/readings", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST readings of {meterId} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Sends a request that must fail with problem details; returns the <c>detail</c>.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? string.Empty;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
