using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.Security;

/// <summary>
/// One real silo for the authorization walk (with the test silos' high rate limits) and its data in place: the
/// own and the other household (one meter each, the own meter with a reading and two days of imported history), a
/// Shelly Gen2 device with a command, and a device to revoke. Residents call with bearer JWTs minted by <c>scripts/mint-token.sh</c>.
/// </summary>
public sealed class WalkSiloFixture : IAsyncLifetime
{
    public const string OwnHousehold = "walk-home";
    public const string OtherHousehold = "walk-away";
    public const string OwnMeter = "walk-home-grid";
    public const string OtherMeter = "walk-away-grid";
    public const string Device = "walkgen2";
    public const string DeviceToRevoke = "walkrevoke";
    public const string NewDevice = "walknew";
    public const string Unknown = "walk-unknown";

    private readonly string _directory = Directory.CreateTempSubdirectory("metergrains-walk-").FullName;
    private SiloProcess? _silo;

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public string OwnResidentToken { get; private set; } = string.Empty;

    public string OtherResidentToken { get; private set; } = string.Empty;

    /// <summary>A resident's token for the own household, signed with a key the silo does not know.</summary>
    public string ForgedToken { get; private set; } = string.Empty;

    public string CommandId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync("walk");
        // An export directory, so that an operator's export run succeeds (it finds no due day on a fresh database).
        _silo = await SiloProcess.StartAsync(connectionString, $"walk-{Guid.NewGuid():N}",
            settings: new Dictionary<string, string> { ["Export__Directory"] = Path.Combine(_directory, "exports") });

        var key = Path.Combine(_directory, "jwt.key");
        await File.WriteAllTextAsync(key, SiloProcess.TestJwtSigningKey);
        var otherKey = Path.Combine(_directory, "other.key");
        await File.WriteAllTextAsync(otherKey, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        OwnResidentToken = await MintAsync(key, OwnHousehold);
        OtherResidentToken = await MintAsync(key, OtherHousehold);
        ForgedToken = await MintAsync(otherKey, OwnHousehold);

        var http = Silo.Http;
        await PutAsync(http, $"/api/v1/households/{OwnHousehold}", Household(OwnMeter));
        await PutAsync(http, $"/api/v1/households/{OtherHousehold}", Household(OtherMeter));
        var ts = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 10);
        foreach (var meter in new[] { OwnMeter, OtherMeter })
        {
            using var reading = await http.PostAsync($"/api/v1/meters/{meter}/readings", Json($$"""{"ts":"{{ts:O}}","importPowerW":250}"""));
            Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        }

        // Two days of imported hourly energy, so that the own meter and household have a forecast.
        var history = string.Join('\n', Enumerable.Range(0, 48).Select(h =>
            DateTimeOffset.Parse("2026-09-07T00:00:00Z", CultureInfo.InvariantCulture).AddHours(h).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z,250'", CultureInfo.InvariantCulture)));
        using (var import = await http.PostAsync($"/api/v1/imports/csv?meterId={OwnMeter}", new StringContent($"ts,wh\n{history}\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        await Eventually.UntilAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{OwnMeter}")).GetProperty("householdId").GetString() == OwnHousehold,
            TimeSpan.FromSeconds(30), $"meter {OwnMeter} belongs to {OwnHousehold}");

        foreach (var device in new[] { Device, DeviceToRevoke })
        {
            using var registered = await http.PostAsJsonAsync("/api/v1/devices", new { deviceId = device, family = "shelly-gen2" });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var command = await http.PostAsync($"/api/v1/meters/{Device}/commands", Json("""{"name":"relay","args":{"channel":0,"on":true}}"""));
        Assert.Equal(HttpStatusCode.Accepted, command.StatusCode);
        CommandId = (await command.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    public static StringContent Json(string json) => new(json, new MediaTypeHeaderValue("application/json"));

    public static object Household(string meterId) => new
    {
        type = "house",
        occupants = 2,
        timeZone = "Europe/Brussels",
        name = "Walter Walk",
        meters = new[] { new { meterId, role = "grid" } },
    };

    private static async Task PutAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PutAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> MintAsync(string keyFile, string household) =>
        (await ExternalCommand.RunAsync(
            Path.Combine(RepositoryPaths.Root, "scripts", "mint-token.sh"),
            ["--household", household, "--key-file", keyFile, "--hours", "1"],
            TimeSpan.FromSeconds(30))).Trim();
}

[CollectionDefinition(Name)]
public sealed class WalkSiloCollection : ICollectionFixture<WalkSiloFixture>
{
    public const string Name = "authorization walk silo";
}
