using System.Globalization;
using MeterGrains.Integration.Tests.EndToEnd;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.Observability;

/// <summary>A silo of its own (so its counters start at zero) is fed over MQTT and scraped on /metrics.</summary>
public sealed class MetricsScrapeTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync("metrics");
        _silo = await SiloProcess.StartAsync(database, $"metrics-{Guid.NewGuid():N}");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Metrics_count_what_was_published_received_stored_and_refused()
    {
        var now = DateTimeOffset.UtcNow;
        string Ts(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(_silo.Ports.Mqtt);

        // QoS 1 and the embedded broker's acknowledge-after-store: each PUBACK means the message's readings are stored.
        // Meter a: 3 fresh readings.
        await MeterReadingSliceTests.PublishAsync(mqtt, "meters/metrics-a/reading",
            $$"""[{"ts":"{{Ts(now.AddSeconds(-3))}}","importPowerW":100},{"ts":"{{Ts(now.AddSeconds(-2))}}","importPowerW":110},{"ts":"{{Ts(now.AddSeconds(-1))}}","importPowerW":120}]""");
        // Meter b: 2 readings measured 10 minutes ago (a device uploading what it kept while offline).
        await MeterReadingSliceTests.PublishAsync(mqtt, "meters/metrics-b/reading",
            $$"""[{"ts":"{{Ts(now.AddSeconds(-600))}}","importPowerW":50},{"ts":"{{Ts(now.AddSeconds(-599))}}","importPowerW":55}]""");
        // Meter c: one good reading, one refused by the decoder (a number sent as a string).
        await MeterReadingSliceTests.PublishAsync(mqtt, "meters/metrics-c/reading",
            $$"""[{"ts":"{{Ts(now.AddSeconds(-1))}}","importPowerW":"x"},{"ts":"{{Ts(now)}}","importPowerW":5}]""");
        await using var live = await LiveHubClient.ConnectAsync(_silo, SiloProcess.OperatorApiKey);

        // By hand: 3 messages; accepted 3 + 2 + 1 = 6, all new, so 6 stored; 1 refused at decode, 1 decode dead letter;
        // 3 meters active; 6 lag samples, the 4 fresh ones under 300 s, b's 2 at about 600 s (≤ 900 s while this test
        // runs for less than 5 minutes); batch sizes sum to the readings they carried: 6 delivered to grains, 6 written.
        var expected = new (string Name, (string, string)[] Labels, double Value)[]
        {
            ("metergrains_messages_received_total", [], 3),
            ("metergrains_readings_accepted_total", [], 6),
            ("metergrains_readings_rejected_total", [("stage", "decode")], 1),
            ("metergrains_readings_stored_total", [], 6),
            ("metergrains_dead_letters_stored_total", [("stage", "decode")], 1),
            ("metergrains_meters_active", [], 3),
            ("metergrains_ingest_lag_seconds_count", [], 6),
            ("metergrains_ingest_lag_seconds_bucket", [("le", "300")], 4),
            ("metergrains_ingest_lag_seconds_bucket", [("le", "900")], 6),
            ("metergrains_ingest_batch_size_sum", [], 6),
            ("metergrains_store_batch_size_sum", [], 6),
            ("signalr_server_active_connections", [], 1),
        };

        string Differences(string scraped) => string.Join("; ", expected
            .Select(e => (e, Actual: PrometheusText.Sum(scraped, e.Name, e.Labels)))
            .Where(x => x.Actual != x.e.Value)
            .Select(x => $"{x.e.Name}{{{string.Join(',', x.e.Labels.Select(l => $"{l.Item1}={l.Item2}"))}}} = {x.Actual?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, expected {x.e.Value}"));

        // The dead letter is written behind, so wait until a scrape shows everything (the last differences say what did not).
        await Eventually.ReturnsAsync(
            async () => Differences(await _silo.Http.GetStringAsync("/metrics")),
            differences => differences == string.Empty,
            Deadline,
            "every expected sample on /metrics");
    }

    [Fact]
    public async Task Metrics_are_served_without_an_api_key()
    {
        using var anonymous = _silo.CreateClient(apiKey: null);
        using var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_rules_and_dashboard_read_only_metrics_the_silo_exports()
    {
        var referenced = OpsFiles.AlertRules().SelectMany(r => OpsFiles.MetricNames(r.Expr!))
            .Concat(OpsFiles.DashboardQueries().SelectMany(OpsFiles.MetricNames))
            .ToHashSet();
        Assert.Contains("signalr_server_active_connections", referenced);

        // Traffic that makes every referenced series appear: a stored reading, a refused one (and its dead letter), a hub client.
        using var mqtt = await MeterReadingSliceTests.ConnectAsync(_silo.Ports.Mqtt);
        await MeterReadingSliceTests.PublishAsync(mqtt, "meters/names-a/reading",
            $$"""[{"importPowerW":"x"},{"ts":"{{DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)}}","importPowerW":5}]""");
        await using var live = await LiveHubClient.ConnectAsync(_silo, SiloProcess.OperatorApiKey);

        await Eventually.ReturnsAsync(
            async () =>
            {
                var exported = OpsFiles.ScrapedNames(await _silo.Http.GetStringAsync("/metrics"));
                return string.Join(", ", referenced.Where(name => !exported.Contains(name)).Order());
            },
            missing => missing == string.Empty,
            Deadline,
            "every metric the alert rules and the dashboard read to be on /metrics");
    }
}
