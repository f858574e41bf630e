using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MeterGrains.Grpc.V1;
using MeterGrains.Integration.Tests.Infrastructure;
using AnalyticsClient = MeterGrains.Grpc.V1.Analytics.AnalyticsClient;
using MetersClient = MeterGrains.Grpc.V1.Meters.MetersClient;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// <c>metergrains.v1</c> with a client generated from the repository's <c>.proto</c> files, against a real silo: the same
/// keys, roles and pseudonyms as REST, proper status codes, a followed stream that delivers a reading published over
/// MQTT after it started, and results streamed by the client.
/// </summary>
[Collection(SingleSiloCollection.Name)]
public sealed class GrpcProcessingTests(SingleSiloFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private SiloProcess Silo => fixture.Silo;

    [Fact]
    public async Task A_processor_gets_a_meter_and_its_buckets_by_pseudonym()
    {
        var (household, meter) = ProcessingApiTests.NewIds("ga");
        await PutHouseholdAsync(household, meter);
        // A closed quarter-hour half an hour back: readings at its start, +300 s and +600 s.
        var q = QuarterHourNow().AddMinutes(-30);
        await PublishAsync(meter, $$"""{"ts":"{{q:O}}","importPowerW":1000}""");
        await PublishAsync(meter, $$"""{"ts":"{{q.AddSeconds(300):O}}","importPowerW":1000}""");
        await PublishAsync(meter, $$"""{"ts":"{{q.AddSeconds(600):O}}","importPowerW":2000}""");
        await WaitForReadingsAsync(meter, 3);

        using var channel = GrpcClients.Channel(Silo);
        var meters = new MetersClient(channel);
        var asProcessor = GrpcClients.Key(SiloProcess.ProcessorApiKey);
        var state = await meters.GetMeterAsync(new GetMeterRequest { MeterId = TestPseudonyms.Of(meter) }, asProcessor);
        Assert.Equal(TestPseudonyms.Of(meter), state.MeterId);
        Assert.Equal(TestPseudonyms.Of(household), state.HouseholdId);
        Assert.Equal(2000, state.ImportPowerW);
        // Import and export power are one signed quantity: a meter importing 2000 W exports 0 W.
        Assert.Equal(0, state.ExportPowerW);
        Assert.Equal(3, state.ReadingsAccepted);
        Assert.Equal(q.AddSeconds(600), state.LastReadingAt.ToDateTimeOffset());
        // Trapezoids: (1000 + 1000) / 2 W × 300 s + (1000 + 2000) / 2 W × 300 s = 300000 + 450000 = 750000 W·s = 208.333 Wh.
        Assert.Equal(750_000.0 / 3600, state.IntegratedImportWh, 6);

        var buckets = await meters.QueryBucketsAsync(new QueryBucketsRequest
        {
            MeterId = TestPseudonyms.Of(meter),
            From = Timestamp.FromDateTimeOffset(q),
            To = Timestamp.FromDateTimeOffset(q.AddMinutes(30)),
            Interval = "15m",
        }, asProcessor);
        Assert.Equal(TestPseudonyms.Of(meter), buckets.MeterId);
        Assert.Equal("UTC", buckets.TimeZone);
        Assert.Equal(2, buckets.Buckets.Count);
        Assert.Equal(q, buckets.Buckets[0].Start.ToDateTimeOffset());
        Assert.Equal(750_000.0 / 3600, buckets.Buckets[0].ImportWh, 6);
        Assert.Equal(0, buckets.Buckets[1].ImportWh);
        Assert.False(buckets.Buckets[0].HasRegisterImportWh, "no register was sent");

        // The operator uses and sees the ids.
        var asOperator = await meters.GetMeterAsync(new GetMeterRequest { MeterId = meter }, GrpcClients.Key(SiloProcess.OperatorApiKey));
        Assert.Equal(meter, asOperator.MeterId);
        Assert.Equal(household, asOperator.HouseholdId);
    }

    [Fact]
    public async Task A_followed_stream_delivers_the_stored_readings_and_then_one_published_over_mqtt_after_it_started()
    {
        var (household, meter) = ProcessingApiTests.NewIds("gf");
        await PutHouseholdAsync(household, meter);
        var t0 = WholeSecondNow().AddMinutes(-2);
        await PublishAsync(meter, $$"""{"ts":"{{t0:O}}","importPowerW":100,"importRegisterWh":5000}""");
        await PublishAsync(meter, $$"""{"ts":"{{t0.AddSeconds(30):O}}","importPowerW":150,"voltageV":231.5}""");
        await WaitForReadingsAsync(meter, 2);

        using var channel = GrpcClients.Channel(Silo);
        var meters = new MetersClient(channel);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stream = meters.StreamReadings(
            new StreamReadingsRequest { MeterId = TestPseudonyms.Of(meter), From = Timestamp.FromDateTimeOffset(t0.AddMinutes(-1)), Follow = true },
            GrpcClients.Key(SiloProcess.ProcessorApiKey), cancellationToken: stop.Token);

        var first = await NextAsync(stream, "the first stored reading");
        Assert.Equal(t0, first.Ts.ToDateTimeOffset());
        Assert.Equal(100, first.ImportPowerW);
        Assert.Equal(5000, first.ImportRegisterWh);
        var second = await NextAsync(stream, "the second stored reading");
        Assert.Equal(t0.AddSeconds(30), second.Ts.ToDateTimeOffset());
        Assert.Equal(231.5, second.VoltageV);
        Assert.False(second.HasImportRegisterWh);

        // Published after the stream has delivered everything stored: it arrives live.
        var t2 = WholeSecondNow();
        var publishedAt = DateTime.UtcNow;
        await PublishAsync(meter, $$"""{"ts":"{{t2:O}}","importPowerW":777}""");
        var live = await NextAsync(stream, "the reading published over MQTT after the stream started");
        // Woken by the meter's push, not found by the stream's fallback read every 10 s.
        Assert.True(DateTime.UtcNow - publishedAt < TimeSpan.FromSeconds(8), $"the live reading took {DateTime.UtcNow - publishedAt}");
        Assert.Equal(t2, live.Ts.ToDateTimeOffset());
        Assert.Equal(777, live.ImportPowerW);
        Assert.False(live.Late);
        Assert.True(live.ReceivedAt.ToDateTimeOffset() >= t2.AddSeconds(-1), "received when it was published");

        await stop.CancelAsync();
    }

    [Fact]
    public async Task Streamed_results_are_counted_stored_under_real_ids_and_refused_ones_explained()
    {
        var (household, meter) = ProcessingApiTests.NewIds("gp");
        await PutHouseholdAsync(household, meter);
        await PublishAsync(meter, $$"""{"ts":"{{WholeSecondNow().AddSeconds(-5):O}}","importPowerW":50}""");
        await WaitForReadingsAsync(meter, 1);

        var from = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var to = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        AnalyticsResult Result(string subject, string kind = "anomaly", Timestamp? end = null) => new()
        {
            Kind = kind,
            Subject = subject,
            From = from,
            To = end ?? to,
            Payload = Value.ForStruct(new Struct { Fields = { ["score"] = Value.ForNumber(0.5) } }),
        };

        using var channel = GrpcClients.Channel(Silo);
        var analytics = new AnalyticsClient(channel);
        using var call = analytics.PublishResults(GrpcClients.Key(SiloProcess.ProcessorApiKey));
        var forecast = Result(TestPseudonyms.Of(household), "forecast");
        forecast.Payload = Value.ForList(Value.ForNumber(12.5), Value.ForNumber(11));
        forecast.Severity = "info";
        foreach (var result in new[]
        {
            Result(TestPseudonyms.Of(meter)),
            forecast,
            Result(TestPseudonyms.Of("nobody-at-all")),
            Result(TestPseudonyms.Of(meter), kind: ""),
            Result(TestPseudonyms.Of(meter), end: from),
        })
        {
            await call.RequestStream.WriteAsync(result);
        }

        await call.RequestStream.CompleteAsync();
        var counts = await call.ResponseAsync;
        Assert.Equal(2, counts.Accepted);
        Assert.Equal(3, counts.Rejected);
        Assert.Equal([2, 3, 4], counts.Rejections.Select(r => r.Index));
        Assert.Equal(["NotFound", "InvalidArgument", "InvalidArgument"], counts.Rejections.Select(r => r.Code));
        Assert.Contains("kind is required", counts.Rejections[1].Reason);
        Assert.Contains("from must be before to", counts.Rejections[2].Reason);

        // Stored under the real ids, shown so to the operator.
        var aboutMeter = Assert.Single((await Silo.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/analytics/results?subject={meter}&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z")).EnumerateArray());
        Assert.Equal(meter, aboutMeter.GetProperty("subject").GetString());
        Assert.Equal("test-processor", aboutMeter.GetProperty("source").GetString());
        Assert.Equal(0.5, aboutMeter.GetProperty("payload").GetProperty("score").GetDouble());
        var aboutHousehold = Assert.Single((await Silo.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/analytics/results?subject={household}&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z")).EnumerateArray());
        Assert.Equal("household", aboutHousehold.GetProperty("subjectKind").GetString());
        Assert.Equal([12.5, 11.0], aboutHousehold.GetProperty("payload").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task Missing_keys_wrong_roles_unknown_meters_and_bad_fields_get_their_status_codes()
    {
        var (household, meter) = ProcessingApiTests.NewIds("ge");
        await PutHouseholdAsync(household, meter);
        await PublishAsync(meter, $$"""{"ts":"{{WholeSecondNow().AddSeconds(-5):O}}","importPowerW":50}""");
        await WaitForReadingsAsync(meter, 1);

        using var channel = GrpcClients.Channel(Silo);
        var meters = new MetersClient(channel);
        var analytics = new AnalyticsClient(channel);
        var asOperator = GrpcClients.Key(SiloProcess.OperatorApiKey);
        var asProcessor = GrpcClients.Key(SiloProcess.ProcessorApiKey);

        await AssertStatusAsync(StatusCode.Unauthenticated, () => meters.GetMeterAsync(new GetMeterRequest { MeterId = meter }, GrpcClients.Key(null)).ResponseAsync);
        await AssertStatusAsync(StatusCode.Unauthenticated,
            () => meters.GetMeterAsync(new GetMeterRequest { MeterId = meter }, GrpcClients.Key("not-a-key-of-this-cloud-at-all")).ResponseAsync);

        // A resident may read only their own household's meters, and may not publish results.
        var asResident = GrpcClients.Key(SiloProcess.ResidentApiKey);
        await AssertStatusAsync(StatusCode.PermissionDenied, () => meters.GetMeterAsync(new GetMeterRequest { MeterId = meter }, asResident).ResponseAsync);
        await AssertStatusAsync(StatusCode.PermissionDenied, async () =>
        {
            using var call = analytics.PublishResults(asResident);
            await call.RequestStream.CompleteAsync();
            return await call.ResponseAsync;
        });

        // A processor names pseudonyms: by its id the meter is unknown to it.
        await AssertStatusAsync(StatusCode.NotFound, () => meters.GetMeterAsync(new GetMeterRequest { MeterId = meter }, asProcessor).ResponseAsync);
        await AssertStatusAsync(StatusCode.NotFound,
            () => meters.GetMeterAsync(new GetMeterRequest { MeterId = "no-such-meter" }, asOperator).ResponseAsync);

        var bad = await AssertStatusAsync(StatusCode.InvalidArgument,
            () => meters.GetMeterAsync(new GetMeterRequest { MeterId = "not a meter id" }, asOperator).ResponseAsync);
        Assert.Contains("meter_id", bad.Status.Detail);
        bad = await AssertStatusAsync(StatusCode.InvalidArgument,
            () => meters.QueryBucketsAsync(new QueryBucketsRequest { MeterId = TestPseudonyms.Of(meter), Interval = "5m" }, asProcessor).ResponseAsync);
        Assert.Contains("interval", bad.Status.Detail);
        bad = await AssertStatusAsync(StatusCode.InvalidArgument, async () =>
        {
            using var stream = meters.StreamReadings(
                new StreamReadingsRequest { MeterId = meter, Follow = true, To = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) }, asOperator);
            return await stream.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Contains("follow", bad.Status.Detail);
    }

    private static async Task<Reading> NextAsync(AsyncServerStreamingCall<Reading> stream, string expectation)
    {
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            Assert.True(await stream.ResponseStream.MoveNext(deadline.Token), $"the stream ended before {expectation}");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {Patience.TotalSeconds:0}s waiting for {expectation}.", ex);
        }

        return stream.ResponseStream.Current;
    }

    private static async Task<RpcException> AssertStatusAsync<T>(StatusCode expected, Func<Task<T>> call)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await call());
        Assert.True(expected == refused.StatusCode, $"expected {expected}, got {refused.StatusCode}: {refused.Status.Detail}");
        return refused;
    }

    private async Task PutHouseholdAsync(string householdId, string meterId)
    {
        using var put = await Silo.Http.PutAsJsonAsync($"/api/v1/households/{householdId}", new
        {
            type = "apartment",
            occupants = 1,
            timeZone = "UTC",
            email = "someone@example.org",
            meters = new[] { new { meterId, role = "grid" } },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private async Task PublishAsync(string meterId, string json)
    {
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(Silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, $"meters/{meterId}/reading", json);
    }

    private Task WaitForReadingsAsync(string meterId, long count) => Eventually.UntilAsync(
        async () => (await Silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{meterId}")).GetProperty("readingsAccepted").GetInt64() == count,
        Patience, $"meter {meterId} has {count} readings");

    private static DateTimeOffset WholeSecondNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static DateTimeOffset QuarterHourNow()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(now - (now % 900));
    }
}
