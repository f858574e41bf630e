using System.Security.Cryptography;
using System.Text;
using MeterGrains.Integration.Tests.Infrastructure;
using MeterGrains.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MeterGrains.Integration.Tests.Database;

/// <summary>
/// Migration 0017: a login in role <c>metergrains_analyst</c> reads the <c>analyst</c> views, sees pseudonyms instead of
/// meter and household ids, and can neither read the base tables nor write anything.
/// </summary>
public sealed class AnalystAccessTests
{
    private const string PermissionDenied = "42501";

    /// <summary>object_not_in_prerequisite_state: "cannot insert into view".</summary>
    private const string NotUpdatable = "55000";

    [Fact]
    public async Task An_analyst_reads_pseudonymized_views_and_nothing_else()
    {
        var database = await TestDatabase.CreateMigratedAsync("analyst");
        await SeedAsync(database);
        var key = await ReadKeyAsync(database);
        await using var analyst = await OpenAsAnalystAsync(database);

        // Pseudonyms computed here with .NET's HMAC from the key the migration drew, not by the views' SQL.
        var meter = Pseudonym(key, "an-meter-1");
        var subMeter = Pseudonym(key, "an-meter-1:AC");
        Assert.Equal(meter, await ScalarAsync<string>(analyst, "SELECT meter FROM analyst.meter_readings WHERE import_power_w = 1200"));
        Assert.Equal(meter, await ScalarAsync<string>(analyst, "SELECT meter FROM analyst.meter_buckets WHERE import_wh = 300"));
        // The daily rollup of the two quarter-hours (trigger of 0015): 300 + 200 Wh.
        Assert.Equal(500.0, await ScalarAsync<double>(analyst, $"SELECT import_wh FROM analyst.meter_daily_energy WHERE meter = '{meter}'"));
        Assert.Equal(subMeter, await ScalarAsync<string>(analyst, "SELECT meter FROM analyst.interval_energy WHERE energy_wh = 4512"));
        Assert.Equal(
            $"{Pseudonym(key, "an-home")}|apartment|2|{{{meter}}}|{{}}",
            await ScalarAsync<string>(analyst,
                "SELECT concat_ws('|', household, type, occupants, grid_meters, production_meters) FROM analyst.households"));

        // No view shows a real id anywhere in a row.
        foreach (var view in new[] { "meter_readings", "meter_buckets", "meter_daily_energy", "interval_energy", "households" })
        {
            var rows = await ScalarAsync<string>(analyst, $"SELECT string_agg(v::text, ';') FROM analyst.{view} v");
            Assert.DoesNotContain("an-meter", rows, StringComparison.Ordinal);
            Assert.DoesNotContain("an-home", rows, StringComparison.Ordinal);
        }

        foreach (var table in new[] { "meter_readings", "meter_buckets", "interval_energy", "interval_energy_days", "household_directory", "orleansstorage", "pseudonyms", "analyst_pseudonym_key" })
        {
            await AssertDeniedAsync(analyst, $"SELECT count(*) FROM public.{table}");
        }

        // A view over a join is not updatable, which PostgreSQL says before it looks at privileges.
        await AssertDeniedAsync(analyst, "INSERT INTO analyst.interval_energy (meter, interval_start, energy_wh) VALUES ('x', now(), 1)", NotUpdatable);
        await AssertDeniedAsync(analyst, "DELETE FROM analyst.meter_readings", NotUpdatable);
        await AssertDeniedAsync(analyst, "INSERT INTO public.interval_energy_days (meter_id, day_start, offsets, energy_wh, last_added) VALUES ('x', '2026-03-02T00:00:00Z', '{0}', '{1}', 1)");
        await AssertDeniedAsync(analyst, "CREATE TABLE analyst.notes (note text)");
        await AssertDeniedAsync(analyst, "CREATE VIEW public.mine AS SELECT 1 AS one");
        await AssertDeniedAsync(analyst, "SELECT grant_analyst_access()");
    }

    [Fact]
    public async Task A_database_owner_without_createrole_migrates_and_grants_the_existing_role()
    {
        // The role is the cluster's: this migration (as superuser) makes sure it exists, as an administrator would.
        await TestDatabase.CreateMigratedAsync("analyst_su");
        var admin = await PostgresServer.GetAdminConnectionStringAsync();
        var owner = $"owner_{Guid.NewGuid():N}";
        var name = $"analyst_owned_{Guid.NewGuid():N}";
        await TestDatabase.ExecuteAsync(admin, $"CREATE ROLE \"{owner}\" LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB");
        await TestDatabase.ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" OWNER \"{owner}\"");
        var database = new NpgsqlConnectionStringBuilder(admin) { Database = name, Username = owner }.ConnectionString;

        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        await SeedAsync(database);
        await using var analyst = await OpenAsAnalystAsync(database);
        Assert.Equal(1L, await ScalarAsync<long>(analyst, "SELECT count(*) FROM analyst.households"));
        await AssertDeniedAsync(analyst, "SELECT count(*) FROM public.household_directory");
    }

    /// <summary>
    /// One reading, two quarter-hours (300 and 200 Wh), one interval of a sub-meter (10:00 UTC: 36,000 s after midnight,
    /// in µs, in its day row of migration 0018), one household.
    /// </summary>
    private static async Task SeedAsync(string database) =>
        await TestDatabase.ExecuteAsync(database, """
            SELECT ensure_meter_reading_partitions('2026-03-02', '2026-03-02');
            INSERT INTO meter_readings (meter_id, ts, import_power_w) VALUES ('an-meter-1', '2026-03-02T10:00:00Z', 1200);
            INSERT INTO meter_buckets (meter_id, bucket_start, import_wh, export_wh, complete) VALUES
                ('an-meter-1', '2026-03-02T10:00:00Z', 300, 0, true), ('an-meter-1', '2026-03-02T10:15:00Z', 200, 0, true);
            INSERT INTO interval_energy_days (meter_id, day_start, offsets, energy_wh, last_added)
                VALUES ('an-meter-1:AC', '2026-03-02T00:00:00Z', '{36000000000}', '{4512}', 1);
            INSERT INTO household_directory (household_id, type, occupants, time_zone, grid_meter_ids)
                VALUES ('an-home', 'apartment', 2, 'Europe/Brussels', ARRAY['an-meter-1']);
            """);

    /// <summary>The HMAC key: the first 32 bytes of the inner pad XOR 0x36 (RFC 2104; the rest is the zero padding).</summary>
    private static async Task<byte[]> ReadKeyAsync(string database)
    {
        var innerPad = await TestDatabase.ScalarAsync<byte[]>(database, "SELECT inner_pad FROM analyst_pseudonym_key");
        Assert.All(innerPad[32..], b => Assert.Equal(0x36, b));
        return [.. innerPad[..32].Select(b => (byte)(b ^ 0x36))];
    }

    private static string Pseudonym(byte[] key, string id) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id))[..16]);

    /// <summary>A new login in role metergrains_analyst, as the README makes one (trust authentication: no password here).</summary>
    private static async Task<NpgsqlConnection> OpenAsAnalystAsync(string database)
    {
        var login = $"analyst_{Guid.NewGuid():N}";
        await TestDatabase.ExecuteAsync(await PostgresServer.GetAdminConnectionStringAsync(), $"CREATE ROLE \"{login}\" LOGIN IN ROLE metergrains_analyst");
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Username = login, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task AssertDeniedAsync(NpgsqlConnection connection, string sql, string sqlState = PermissionDenied)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.True(error.SqlState == sqlState, $"{sql} failed with {error.SqlState} ({error.MessageText}), not {sqlState}");
    }
}
