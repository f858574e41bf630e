using MeterGrains.Storage;
using Npgsql;

namespace MeterGrains.Grains.Storage.Tests;

public sealed class BucketTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset Q0 = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_rewritten_bucket_replaces_the_old_one()
    {
        await using var store = database.CreateStore();
        await store.UpsertBucketsAsync("bucket-1",
        [
            new BucketRow(Q0, 10, 0, 11, null, false),
            new BucketRow(Q0.AddMinutes(15), 20, 1, null, null, true),
        ], default);

        await store.UpsertBucketsAsync("bucket-1",
        [
            new BucketRow(Q0, 12.5, 0.5, 12, 0, true),
            new BucketRow(Q0.AddMinutes(30), 30, 0, 30, 0, true),
        ], default);

        var buckets = await store.ReadBucketsAsync("bucket-1", Q0, Q0.AddHours(1), default).ToListAsync();
        Assert.Equal(
            [
                new BucketRow(Q0, 12.5, 0.5, 12, 0, true),
                new BucketRow(Q0.AddMinutes(15), 20, 1, null, null, true),
                new BucketRow(Q0.AddMinutes(30), 30, 0, 30, 0, true),
            ],
            buckets);
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM meter_buckets WHERE meter_id = 'bucket-1'"));
    }

    [Fact]
    public async Task ReadBucketsAsync_returns_the_half_open_range_of_one_meter()
    {
        await using var store = database.CreateStore();
        var rows = Enumerable.Range(0, 8).Select(i => new BucketRow(Q0.AddMinutes(15 * i), i, 0, null, null, true)).Reverse().ToArray();
        await store.UpsertBucketsAsync("bucket-2", rows, default);
        await store.UpsertBucketsAsync("bucket-3", rows, default);

        var buckets = await store.ReadBucketsAsync("bucket-2", Q0.AddMinutes(30), Q0.AddMinutes(90), default).ToListAsync();

        Assert.Equal([2.0, 3.0, 4.0, 5.0], buckets.Select(b => b.ImportWh));
    }

    [Fact]
    public async Task The_last_row_for_a_start_in_one_call_wins()
    {
        await using var store = database.CreateStore();
        await store.UpsertBucketsAsync("bucket-4", [new BucketRow(Q0, 1, 0, null, null, true), new BucketRow(Q0, 2, 0, null, null, false)], default);

        var bucket = Assert.Single(await store.ReadBucketsAsync("bucket-4", Q0, Q0.AddDays(1), default).ToListAsync());
        Assert.Equal(new BucketRow(Q0, 2, 0, null, null, false), bucket);
    }

    [Fact]
    public async Task A_bucket_not_aligned_to_a_quarter_hour_is_refused()
    {
        await using var store = database.CreateStore();
        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
            await store.UpsertBucketsAsync("bucket-5", [new BucketRow(Q0.AddMinutes(7), 1, 0, null, null, true)], default));
        Assert.Equal("meter_buckets_aligned_check", error.ConstraintName);
    }
}
