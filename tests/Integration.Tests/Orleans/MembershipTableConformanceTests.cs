using System.Net;
using MeterGrains.Integration.Tests.Infrastructure;
using MeterGrains.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace MeterGrains.Integration.Tests.Orleans;

/// <summary>
/// Drives the 10.4.2 ADO.NET membership provider directly against our SQL (spec §6.2), in a
/// session whose time zone is not UTC.
/// </summary>
public sealed class MembershipTableConformanceTests
{
    private const string ClusterId = "conformance";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTime T0 = new(2030, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);

    [Fact]
    public async Task Initialization_creates_version_zero_and_can_be_repeated()
    {
        var (table, _) = await CreateTableAsync();

        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        var data = await table.ReadAllAsync(Ct);

        Assert.Equal(0, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task Insert_with_the_read_version_succeeds_once_and_round_trips_every_field()
    {
        var (table, _) = await CreateTableAsync();
        var version0 = (await table.ReadAllAsync(Ct)).Version;
        var entry = NewEntry(port: 11111, SiloStatus.Joining, proxyPort: 30000, startTime: T0, iAmAliveTime: T0.AddSeconds(5));

        Assert.True(await table.InsertRowAsync(entry, version0.Next(), Ct));
        Assert.False(await table.InsertRowAsync(entry, version0.Next(), Ct)); // same row, now stale version
        Assert.False(await table.InsertRowAsync(NewEntry(port: 22222), version0.Next(), Ct)); // other row, stale version

        var data = await table.ReadAllAsync(Ct);
        Assert.Equal(1, data.Version.Version);
        var (read, etag) = Assert.Single(data.Members);
        Assert.Equal("1", etag);
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(SiloStatus.Joining, read.Status);
        Assert.Equal(30000, read.ProxyPort);
        Assert.Equal("host-11111", read.HostName);
        Assert.Equal("silo-11111", read.SiloName);
        Assert.Equal(T0, read.StartTime);
        Assert.Equal(T0.AddSeconds(5), read.IAmAliveTime);
    }

    [Fact]
    public async Task Update_with_the_fresh_version_succeeds_and_with_a_stale_one_fails()
    {
        var (table, _) = await CreateTableAsync();
        var entry = NewEntry(port: 11111);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var fresh = await table.ReadAllAsync(Ct);
        var freshEtag = fresh.Members[0].Item2;

        var suspecter = SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.0.0.9"), 9999), 3);
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(suspecter, T0.AddMinutes(1))];
        Assert.True(await table.UpdateRowAsync(entry, freshEtag, fresh.Version.Next(), Ct));

        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, freshEtag, fresh.Version.Next(), Ct));
        var current = await table.ReadAllAsync(Ct);
        Assert.False(await table.UpdateRowAsync(NewEntry(port: 33333), current.Members[0].Item2, current.Version.Next(), Ct)); // no such row

        var data = await table.ReadAllAsync(Ct);
        Assert.Equal(2, data.Version.Version);
        var (read, _) = Assert.Single(data.Members);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.NotNull(read.SuspectTimes);
        var (suspecting, time) = Assert.Single(read.SuspectTimes);
        Assert.Equal(suspecter, suspecting);
        Assert.Equal(T0.AddMinutes(1), time);
    }

    [Fact]
    public async Task ReadRow_of_an_unknown_silo_returns_the_version_and_no_members()
    {
        var (table, _) = await CreateTableAsync();
        Assert.True(await table.InsertRowAsync(NewEntry(port: 11111), (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        var data = await table.ReadRowAsync(NewEntry(port: 44444).SiloAddress, Ct);

        Assert.Equal(1, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task Heartbeat_changes_IAmAliveTime_without_a_version_bump()
    {
        var (table, _) = await CreateTableAsync();
        var entry = NewEntry(port: 11111, iAmAliveTime: T0);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        entry.IAmAliveTime = T0.AddMinutes(2);
        await table.UpdateIAmAliveAsync(entry, Ct);

        var data = await table.ReadRowAsync(entry.SiloAddress, Ct);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(T0.AddMinutes(2), Assert.Single(data.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task Gateways_are_only_active_silos_with_a_proxy_port()
    {
        var (table, connectionString) = await CreateTableAsync();
        await InsertAsync(table, NewEntry(port: 11111, SiloStatus.Active, proxyPort: 30001));
        await InsertAsync(table, NewEntry(port: 22222, SiloStatus.Active, proxyPort: 0));
        await InsertAsync(table, NewEntry(port: 33333, SiloStatus.Dead, proxyPort: 30003));
        await InsertAsync(table, NewEntry(port: 44444, SiloStatus.Joining, proxyPort: 30004));

        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = OrleansPostgresExtensions.Invariant, ConnectionString = connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = "conformance" }));
        await gateways.InitializeGatewayListProviderAsync(Ct);

        var uri = Assert.Single(await gateways.GetGatewaysAsync(Ct));
        Assert.Equal(new Uri("gwy.tcp://10.0.0.1:30001/1"), uri);
    }

    [Fact]
    public async Task Cleanup_removes_only_old_dead_silos_without_a_version_bump()
    {
        var (table, _) = await CreateTableAsync();
        var old = T0.AddDays(-10);
        await InsertAsync(table, NewEntry(port: 11111, SiloStatus.Dead, startTime: old, iAmAliveTime: old));
        await InsertAsync(table, NewEntry(port: 22222, SiloStatus.Active, startTime: old, iAmAliveTime: old));
        await InsertAsync(table, NewEntry(port: 33333, SiloStatus.Dead, startTime: old, iAmAliveTime: T0));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(T0.AddDays(-1)), Ct);

        var data = await table.ReadAllAsync(Ct);
        Assert.Equal(3, data.Version.Version);
        Assert.Equal([22222, 33333], data.Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order());
    }

    private static async Task<(AdoNetClusteringTable Table, string ConnectionString)> CreateTableAsync()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateMigratedAsync("membership"))
        {
            Timezone = "Europe/Helsinki",
        }.ConnectionString;
        Assert.Equal("Europe/Helsinki", await TestDatabase.ScalarAsync<string>(connectionString, "SHOW TimeZone"));

        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = "conformance" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = OrleansPostgresExtensions.Invariant, ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        return (table, connectionString);
    }

    private static async Task InsertAsync(AdoNetClusteringTable table, MembershipEntry entry) =>
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct), $"insert of {entry.SiloAddress}");

    private static MembershipEntry NewEntry(
        int port,
        SiloStatus status = SiloStatus.Active,
        int proxyPort = 30000,
        DateTime? startTime = null,
        DateTime? iAmAliveTime = null) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.0.0.1"), port), 1),
        Status = status,
        ProxyPort = proxyPort,
        HostName = $"host-{port}",
        SiloName = $"silo-{port}",
        StartTime = startTime ?? T0,
        IAmAliveTime = iAmAliveTime ?? T0,
        SuspectTimes = [],
    };
}
