using Npgsql;

namespace MeterGrains.Grains.Storage.Tests;

public sealed class PartitionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Readings_across_midnight_land_in_two_daily_partitions_created_on_demand()
    {
        Assert.Null(await database.ScalarAsync<object?>("SELECT to_regclass('meter_readings_p20260411')::text"));
        Assert.Null(await database.ScalarAsync<object?>("SELECT to_regclass('meter_readings_p20260412')::text"));
        await using var store = database.CreateStore();
        var midnight = new DateTimeOffset(2026, 4, 12, 0, 0, 0, TimeSpan.Zero);

        var result = await store.AppendAsync(
            "midnight-1",
            [Readings.Power(midnight.AddSeconds(-10), 1), Readings.Power(midnight, 2), Readings.Power(midnight.AddSeconds(10), 3)],
            default);

        Assert.Equal(3, result.Inserted);
        // 23:59:50 belongs to the 11th; 00:00:00 and 00:00:10 to the 12th (lower bound inclusive).
        Assert.Equal("meter_readings_p20260411:1,meter_readings_p20260412:2", await database.ScalarAsync<string>(
            "SELECT string_agg(p || ':' || n, ',' ORDER BY p) FROM (SELECT tableoid::regclass::text AS p, count(*) AS n FROM meter_readings WHERE meter_id = 'midnight-1' GROUP BY 1) x"));
    }

    [Fact]
    public async Task Partition_bounds_are_utc_days_whatever_the_session_time_zone()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using (var setup = new NpgsqlCommand(
            "SET TIME ZONE 'Pacific/Kiritimati'; SELECT ensure_meter_reading_partitions('2026-05-01', '2026-05-01')", connection))
        {
            await setup.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'meter_readings_p20260501'", connection);
        // Kiritimati is UTC+14: the bound must still be midnight UTC, shown in the session zone as 14:00.
        Assert.Equal("FOR VALUES FROM ('2026-05-01 14:00:00+14') TO ('2026-05-02 14:00:00+14')", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_sessions_creating_the_same_partition_at_once_both_succeed()
    {
        await using var first = await database.DataSource.OpenConnectionAsync();
        await using var second = await database.CreateDataSource().OpenConnectionAsync();
        await using var transaction = await first.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand("SELECT ensure_meter_reading_partitions('2026-06-01', '2026-06-01')", first, transaction))
        {
            Assert.Equal(1, await create.ExecuteScalarAsync());
        }

        // The second session cannot see the uncommitted partition, tries to create it, and has to wait for the first.
        await using var race = new NpgsqlCommand("SELECT ensure_meter_reading_partitions('2026-05-31', '2026-06-02')", second);
        var racing = race.ExecuteScalarAsync();
        await WaitUntilBlockedAsync(second.ProcessID, racing);
        await transaction.CommitAsync();

        // It created 05-31 and 06-02, and took 06-01 as created by the other session.
        Assert.Equal(2, await racing);
        Assert.Equal(3L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'meter_readings'::regclass AND inhrelid::regclass::text IN ('meter_readings_p20260531', 'meter_readings_p20260601', 'meter_readings_p20260602')"));
    }

    [Fact]
    public async Task Two_stores_writing_a_new_day_at_once_both_succeed()
    {
        await using var silo1 = database.CreateStore(TimeSpan.Zero);
        await using var silo2 = database.CreateStore(TimeSpan.Zero, database.CreateDataSource());

        for (var day = 1; day <= 10; day++)
        {
            var ts = new DateTimeOffset(2026, 7, day, 6, 0, 0, TimeSpan.Zero);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = Task.Run(async () => { await start.Task; return await silo1.AppendAsync($"silo1-{day}", [Readings.Power(ts, 1)], default); });
            var b = Task.Run(async () => { await start.Task; return await silo2.AppendAsync($"silo2-{day}", [Readings.Power(ts, 2)], default); });
            start.SetResult();

            var results = await Task.WhenAll(a, b);
            Assert.All(results, r => Assert.Equal(1, r.Inserted));
        }

        Assert.Equal(10L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'meter_readings'::regclass AND inhrelid::regclass::text LIKE 'meter_readings_p202607%'"));
        Assert.Equal(20L, await database.ScalarAsync<long>("SELECT count(*) FROM meter_readings WHERE meter_id LIKE 'silo_-%'"));
    }

    [Fact]
    public async Task The_migration_runs_twice_without_error_and_keeps_the_data()
    {
        await using var store = database.CreateStore();
        await store.AppendAsync("migrate-1", [Readings.Power(new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), 1)], default);

        await database.ApplyMigrationAsync();

        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM meter_readings WHERE meter_id = 'migrate-1'"));
    }

    [Fact]
    public async Task A_range_of_more_than_a_year_is_refused()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => database.ScalarAsync<int>("SELECT ensure_meter_reading_partitions('1970-01-01', '2026-01-01')"));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, error.SqlState);
    }

    private async Task WaitUntilBlockedAsync(int pid, Task racing)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(racing.IsCompleted, "the second session should wait for the first one's uncommitted partition");
            if (await database.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock')", pid))
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"session {pid} did not block on the partition lock within 10 s");
    }
}
