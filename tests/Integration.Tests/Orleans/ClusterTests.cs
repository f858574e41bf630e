using System.Text;
using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace MeterGrains.Integration.Tests.Orleans;

[Collection(PostgresClusterCollection.Name)]
public sealed class ClusterTests(PostgresClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Two_silos_join_one_cluster_through_the_membership_table()
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        await Eventually.UntilAsync(
            async () => (await management.GetHosts(onlyActive: true)).Count == 2,
            Deadline,
            "IManagementGrain.GetHosts(onlyActive: true) to list both silos");

        var active = await ReadActiveSiloEndpointsAsync();
        var expected = fixture.Cluster.Silos.Select(s => s.SiloAddress.Endpoint.ToString()).Order().ToArray();
        Assert.Equal(expected, active);
    }

    [Fact]
    public async Task Grain_state_survives_deactivation()
    {
        var key = $"deactivate-{Guid.NewGuid():N}";
        var grain = Client.GetGrain<ICounterGrain>(key);
        await grain.IncrementAsync();
        await grain.IncrementAsync();

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal(2, await grain.GetAsync());
        // Read → Write (1) → Write (2): the ETag is the row version.
        Assert.Equal("2", await grain.GetETagAsync());
        var (version, payload) = await ReadStorageRowAsync(key);
        Assert.Equal(2, version);
        Assert.Contains("\"value\":2", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Etags_follow_read_write_write_clear_write()
    {
        var key = $"sequence-{Guid.NewGuid():N}";
        var grain = Client.GetGrain<ICounterGrain>(key);

        Assert.Null(await grain.GetETagAsync());
        await grain.IncrementAsync();
        Assert.Equal("1", await grain.GetETagAsync());
        await grain.IncrementAsync();
        Assert.Equal("2", await grain.GetETagAsync());
        await grain.ClearAsync();
        Assert.Equal("3", await grain.GetETagAsync()); // the row stays, payload NULL, version bumped
        Assert.Equal(0, await grain.GetAsync());
        await grain.IncrementAsync();
        Assert.Equal("4", await grain.GetETagAsync());

        var (version, payload) = await ReadStorageRowAsync(key);
        Assert.Equal(4, version);
        Assert.Contains("\"value\":1", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_with_DeleteStateOnClear_removes_the_row()
    {
        var key = $"delete-{Guid.NewGuid():N}";
        var grain = Client.GetGrain<IDeleteOnClearCounterGrain>(key);
        await grain.IncrementAsync();
        await grain.IncrementAsync();

        await grain.ClearAsync();

        Assert.Null(await grain.GetETagAsync());
        Assert.Equal(0L, await CountStorageRowsAsync(DeleteOnClearCounterGrain.StateName, key));
        await grain.IncrementAsync();
        Assert.Equal("1", await grain.GetETagAsync()); // a fresh insert
        Assert.Equal(1L, await CountStorageRowsAsync(DeleteOnClearCounterGrain.StateName, key));
    }

    /// <summary>
    /// Known 10.4.2 provider behaviour (dotnet/orleans#9706): a string key that parses as a hex
    /// number is stored as an integer key, so "0abc12", "ABC12" and "abc12" share one row. Meter
    /// ids must therefore carry a non-hex character (e.g. a "m-" prefix). If this test starts
    /// failing, Orleans has changed the key mapping: stored rows of such keys would be orphaned.
    /// </summary>
    [Fact]
    public async Task Hex_looking_string_keys_share_state_but_prefixed_keys_do_not()
    {
        var hex = $"{Random.Shared.Next(0x100000, 0xFFFFFF):x}";
        await Client.GetGrain<ICounterGrain>("0" + hex).IncrementAsync();

        Assert.Equal(1, await Client.GetGrain<ICounterGrain>(hex).GetAsync());
        Assert.Equal(1, await Client.GetGrain<ICounterGrain>(hex.ToUpperInvariant()).GetAsync());
        Assert.Equal(1L, await TestDatabase.ScalarAsync<long>(fixture.ConnectionString, """
            SELECT count(*) FROM orleansstorage
             WHERE serviceid = @service AND graintypestring = 'counter' AND grainidn1 = @n1 AND grainidextensionstring IS NULL
            """, ("service", fixture.ServiceId), ("n1", Convert.ToInt64(hex, 16))));

        await Client.GetGrain<ICounterGrain>("m-0" + hex).IncrementAsync();
        Assert.Equal(0, await Client.GetGrain<ICounterGrain>("m-" + hex).GetAsync());
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused()
    {
        var key = $"stale-{Guid.NewGuid():N}";
        var grain = Client.GetGrain<ICounterGrain>(key);
        await grain.IncrementAsync();

        // Another writer got in first: the row moves to version 2 behind the grain's back.
        var bumped = await TestDatabase.ExecuteAsync(fixture.ConnectionString, """
            UPDATE orleansstorage SET version = version + 1
             WHERE serviceid = @service AND graintypestring = 'counter' AND grainidextensionstring = @key
            """, ("service", fixture.ServiceId), ("key", key));
        Assert.Equal(1, bumped);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(grain.IncrementAsync);
        Assert.Contains("Version conflict", error.Message, StringComparison.Ordinal);
        var (version, payload) = await ReadStorageRowAsync(key);
        Assert.Equal(2, version);
        Assert.Contains("\"value\":1", payload, StringComparison.Ordinal); // the refused write changed nothing
    }

    [Fact]
    public async Task A_duplicate_first_insert_is_refused()
    {
        var key = $"duplicate-{Guid.NewGuid():N}";
        var grain = Client.GetGrain<ICounterGrain>(key);
        Assert.Null(await grain.GetETagAsync()); // activated, read "no row"

        // Someone else creates the row first; the hashes are irrelevant because rows are matched by natural key.
        await TestDatabase.ExecuteAsync(fixture.ConnectionString, """
            INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                        grainidextensionstring, serviceid, payloadbinary, version)
            VALUES (0, 0, 0, 0, 'counter', @key, @service, convert_to('{"value":41}', 'UTF8'), 1)
            """, ("service", fixture.ServiceId), ("key", key));

        await Assert.ThrowsAsync<InconsistentStateException>(grain.IncrementAsync);
        Assert.Equal((1, "{\"value\":41}"), await ReadStorageRowAsync(key));
    }

    [Fact]
    public async Task Reminder_start_time_round_trips_in_a_non_utc_session()
    {
        Assert.Equal(PostgresClusterFixture.SessionTimeZone,
            await TestDatabase.ScalarAsync<string>(fixture.ConnectionString, "SHOW TimeZone"));
        var table = fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("timezone-probe", Guid.NewGuid().ToString("N"));
        var startAt = new DateTime(2035, 7, 1, 12, 34, 56, 789, DateTimeKind.Utc);
        var period = TimeSpan.FromDays(30); // 2 592 000 000 ms: more than an int32 holds

        var etag = await table.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "tz", StartAt = startAt, Period = period });
        var read = await table.ReadRow(grainId, "tz");

        Assert.Equal("0", etag);
        Assert.NotNull(read);
        Assert.Equal(startAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(period, read.Period);
        // Independent of the provider: the stored instant, as seconds since the Unix epoch.
        var epoch = await TestDatabase.ScalarAsync<decimal>(fixture.ConnectionString,
            "SELECT extract(epoch FROM starttime) FROM orleansreminderstable WHERE grainid = @grain",
            ("grain", grainId.ToString()));
        Assert.Equal(new DateTimeOffset(startAt).ToUnixTimeMilliseconds() / 1000m, epoch);

        Assert.False(await table.RemoveRow(grainId, "tz", "7"));
        Assert.True(await table.RemoveRow(grainId, "tz", "0"));
    }

    [Fact]
    public async Task State_and_reminders_survive_a_cluster_restart()
    {
        var key = $"restart-{Guid.NewGuid():N}";
        var counter = Client.GetGrain<ICounterGrain>(key);
        for (var i = 0; i < 3; i++)
        {
            await counter.IncrementAsync();
        }

        var probe = Client.GetGrain<IReminderProbeGrain>(key);
        await probe.RegisterAsync(dueTime: TimeSpan.FromSeconds(1), period: TimeSpan.FromSeconds(1));
        try
        {
            await fixture.RestartClusterAsync();
            var restartedAt = DateTime.UtcNow;

            counter = Client.GetGrain<ICounterGrain>(key);
            Assert.Equal(3, await counter.GetAsync());
            Assert.Equal("3", await counter.GetETagAsync());

            probe = Client.GetGrain<IReminderProbeGrain>(key);
            await Eventually.UntilAsync(
                async () => (await probe.GetFiringsAsync()).Any(firing => firing > restartedAt),
                Deadline,
                "the reminder registered before the restart to fire on the new cluster");
        }
        finally
        {
            await Client.GetGrain<IReminderProbeGrain>(key).UnregisterAsync();
        }
    }

    private async Task<string[]> ReadActiveSiloEndpointsAsync()
    {
        var endpoints = new List<string>();
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT address || ':' || port FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3", connection);
        command.Parameters.AddWithValue("cluster", fixture.ClusterId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            endpoints.Add(reader.GetString(0));
        }

        return [.. endpoints.Order()];
    }

    private Task<long> CountStorageRowsAsync(string stateName, string key) =>
        TestDatabase.ScalarAsync<long>(fixture.ConnectionString, """
            SELECT count(*) FROM orleansstorage
             WHERE serviceid = @service AND graintypestring = @state AND grainidextensionstring = @key
            """, ("service", fixture.ServiceId), ("state", stateName), ("key", key));

    private async Task<(int Version, string Payload)> ReadStorageRowAsync(string key)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT version, payloadbinary FROM orleansstorage
             WHERE serviceid = @service AND graintypestring = 'counter' AND grainidextensionstring = @key
            """, connection);
        command.Parameters.AddWithValue("service", fixture.ServiceId);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no storage row for {key}");
        return (reader.GetInt32(0), Encoding.UTF8.GetString((byte[])reader[1]));
    }
}
