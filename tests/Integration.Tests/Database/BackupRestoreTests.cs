using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeterGrains.Integration.Tests.EndToEnd;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.Database;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh: a system backed up, restored into a fresh database and started again there
/// answers the API exactly as before, and the restored membership table holds no silo of the old cluster.
/// </summary>
public sealed class BackupRestoreTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Hand calculation (Wh = W · min / 60): the grid meter imports 400 W for 30 minutes from h (31 readings, HTTP), 100 Wh
    /// per quarter-hour, 200 Wh in all, and its register rises 400/60 Wh a minute from 1000 Wh: 200 Wh. The production
    /// meter exports 1600 W for 15 minutes (16 readings, MQTT): 400 Wh. Household [h, h+15): import 100, production 400,
    /// consumption 100 + 400 = 500; [h+15, h+30): consumption 100.
    /// </summary>
    [Fact]
    public async Task A_restored_backup_answers_the_api_as_the_original_did()
    {
        var original = await TestDatabase.CreateAsync("backup_a");
        var cluster = $"backup-{Guid.NewGuid():N}";
        var id = $"bk-{Guid.NewGuid():N}"[..14];
        var grid = $"{id}-grid";
        var pv = $"{id}-pv";
        var h = ReadingsJson.RecentHour();
        var paths = AnsweredPaths(id, grid, pv, h);

        Dictionary<string, string> before;
        await using (var silo = await SiloProcess.StartAsync(original, cluster))
        {
            using var put = await silo.Http.PutAsJsonAsync($"/api/v1/households/{id}", new
            {
                type = "house",
                occupants = 3,
                timeZone = "Europe/Brussels",
                // Personal fields are encrypted in the grain's state: they read back only with the same Privacy:PersonalDataKey.
                name = "Ada Backup",
                email = "ada@example.org",
                meters = new[] { new { meterId = grid, role = "grid" }, new { meterId = pv, role = "production" } },
            });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            await ReadingsJson.PostAsync(silo.Http, grid, ReadingsJson.ConstantPower(h, 30, "importPowerW", 400, registerStartWh: 1000));
            using (var mqtt = await MeterReadingSliceTests.ConnectAsync(silo.Ports.Mqtt))
            {
                await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{pv}/reading", ReadingsJson.ConstantPower(h, 15, "exportPowerW", 1600));
            }

            await WaitAcceptedAsync(silo, pv, 16);
            // Readings two hours old: the meter is offline at once, and says so in an alert.
            await Eventually.UntilAsync(
                async () => (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?subject={grid}&kind=meter-offline")).GetArrayLength() > 0,
                Deadline,
                $"a meter-offline alert for {grid}");
            before = await AnswersAsync(silo, paths);
        }

        AssertHandComputed(before, paths, grid, pv);

        var directory = Directory.CreateTempSubdirectory("metergrains-backup-");
        try
        {
            var archive = Path.Combine(directory.FullName, "metergrains.dump");
            await RunScriptAsync("backup.sh", original, archive);
            var restored = await TestDatabase.CreateAsync("backup_b");
            await RunScriptAsync("restore.sh", restored, archive);

            var ports = SiloPorts.Allocate();
            await using var silo = await SiloProcess.StartAsync(restored, cluster, ports);
            var after = await AnswersAsync(silo, paths);

            foreach (var path in paths.Values)
            {
                Assert.Equal(Durable(before[path]), Durable(after[path]));
            }

            // Grants are not restored from the archive; restore.sh gives the analyst role its views again.
            Assert.True(await TestDatabase.ScalarAsync<bool>(restored,
                "SELECT has_table_privilege('metergrains_analyst', 'analyst.meter_readings', 'SELECT')"));
            // analyst.interval_energy is 0018's, over the interval_energy view over the day rows: restored and granted too.
            Assert.True(await TestDatabase.ScalarAsync<bool>(restored,
                "SELECT has_table_privilege('metergrains_analyst', 'analyst.interval_energy', 'SELECT')"));

            // The stopped silo was not restored as a member: the only row is the silo started on the restored database.
            Assert.Equal(0L, await TestDatabase.ScalarAsync<long>(restored,
                "SELECT count(*) FROM orleansmembershiptable WHERE port <> @port", ("port", ports.Silo)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_is_not_empty()
    {
        var original = await TestDatabase.CreateMigratedAsync("backup_c");
        var directory = Directory.CreateTempSubdirectory("metergrains-backup-");
        try
        {
            var archive = Path.Combine(directory.FullName, "metergrains.dump");
            await RunScriptAsync("backup.sh", original, archive);
            await TestDatabase.ExecuteAsync(original, "INSERT INTO pseudonyms (pseudonym, id) VALUES ('p', 'still-here')");

            var (exitCode, _, error) = await ExternalCommand.RunToEndAsync(
                "bash", [Script("restore.sh"), "--db", original, archive], ScriptDeadline);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("is not empty", error, StringComparison.Ordinal);
            Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(original, "SELECT count(*) FROM pseudonyms WHERE id = 'still-here'"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> AnsweredPaths(string household, string grid, string pv, DateTimeOffset h)
    {
        var range = $"from={ReadingsJson.Iso(h)}&to={ReadingsJson.Iso(h.AddHours(1))}";
        return new Dictionary<string, string>
        {
            ["grid"] = $"/api/v1/meters/{grid}",
            ["pv"] = $"/api/v1/meters/{pv}",
            ["gridEnergy"] = $"/api/v1/meters/{grid}/energy?{range}",
            ["gridReadings"] = $"/api/v1/meters/{grid}/readings?{range}",
            ["pvReadings"] = $"/api/v1/meters/{pv}/readings?{range}",
            ["household"] = $"/api/v1/households/{household}",
            ["householdEnergy"] = $"/api/v1/households/{household}/energy?{range}",
            ["alerts"] = $"/api/v1/alerts?subject={grid}",
        };
    }

    private static void AssertHandComputed(Dictionary<string, string> answers, Dictionary<string, string> paths, string grid, string pv)
    {
        JsonElement Parse(string name) => JsonDocument.Parse(answers[paths[name]]).RootElement;

        Assert.Equal(31, Parse("grid").GetProperty("readingsAccepted").GetInt64());
        Assert.Equal(200, Parse("grid").GetProperty("integratedImportWh").GetDouble(), 6);
        Assert.Equal(200, Parse("grid").GetProperty("registerImportWh").GetDouble(), 6);
        Assert.Equal(16, Parse("pv").GetProperty("readingsAccepted").GetInt64());
        Assert.Equal(400, Parse("pv").GetProperty("integratedExportWh").GetDouble(), 6);
        Assert.Equal(31, Parse("gridReadings").GetProperty("readings").GetArrayLength());
        Assert.Equal(16, Parse("pvReadings").GetProperty("readings").GetArrayLength());

        var buckets = Parse("householdEnergy").GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(500, buckets[0].GetProperty("consumptionWh").GetDouble(), 6);
        Assert.Equal(400, buckets[0].GetProperty("productionWh").GetDouble(), 6);
        Assert.Equal(100, buckets[1].GetProperty("consumptionWh").GetDouble(), 6);
        Assert.Contains(Parse("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == "meter-offline");
        Assert.Contains(grid, answers[paths["household"]], StringComparison.Ordinal);
        Assert.Contains(pv, answers[paths["household"]], StringComparison.Ordinal);
        Assert.Equal("Ada Backup", Parse("household").GetProperty("name").GetString());
    }

    /// <summary>
    /// The answer without the household's live flow (grid, production and consumption power and when they changed): the
    /// household grain keeps it in memory only, so every restart, restored or not, begins it anew.
    /// </summary>
    private static string Durable(string answer)
    {
        if (JsonNode.Parse(answer) is JsonObject household && household.ContainsKey("gridImportW"))
        {
            foreach (var live in new[] { "gridImportW", "gridExportW", "productionW", "consumptionW", "updatedAt" })
            {
                Assert.True(household.Remove(live), $"the household answer has no {live}");
            }

            return household.ToJsonString();
        }

        return answer;
    }

    private static async Task<Dictionary<string, string>> AnswersAsync(SiloProcess silo, Dictionary<string, string> paths)
    {
        var answers = new Dictionary<string, string>();
        foreach (var path in paths.Values)
        {
            using var response = await silo.Http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
            answers[path] = body;
        }

        return answers;
    }

    private static async Task WaitAcceptedAsync(SiloProcess silo, string meterId, long accepted) =>
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await silo.Http.GetAsync($"/api/v1/meters/{meterId}");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            },
            m => m?.GetProperty("readingsAccepted").GetInt64() == accepted,
            Deadline,
            $"meter {meterId} shows {accepted} accepted readings");

    private static Task<string> RunScriptAsync(string script, string connectionString, string archive) =>
        ExternalCommand.RunAsync("bash", [Script(script), "--db", connectionString, archive], ScriptDeadline);

    private static string Script(string name) => Path.Combine(RepositoryPaths.Root, "scripts", name);
}
