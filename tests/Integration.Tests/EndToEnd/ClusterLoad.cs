using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;
using Npgsql;

namespace MeterGrains.Integration.Tests.EndToEnd;

/// <summary>
/// The known QoS 1 load of the cluster-fault tests and the checks that nothing of it was lost or counted twice.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Meters"/> meters publish <see cref="Rounds"/> readings each, one a minute of measurement time: reading k of
/// meter m is at T0 + k min with constant import power P(m) = 600 + 60·(m mod 10) W and import register
/// 1000·(m + 1) + e(m)·k Wh, where e(m) = P(m) · 1 min / 60 = 10 + (m mod 10) Wh is the energy of one minute.
/// T0 is 5 minutes past a UTC quarter-hour Q about 40 minutes ago, so a meter's 12 readings span Q+5 … Q+16 min: inside
/// the 15-minute reorder window (any arrival order gives the same integral), within MaxGap of each other (no gaps), and
/// across the quarter-hour edge Q+15.
/// </para>
/// <para>
/// Hand calculation per meter (trapezoids of a constant power are rectangles): 11 one-minute intervals, so
/// integratedImportWh = registerImportWh = 11·e(m), e.g. 110 Wh for m = 0 and 209 Wh for m = 9; the quarter-hour
/// [Q, Q+15) holds the 10 intervals Q+5 … Q+15 = 10·e(m), [Q+15, Q+30) the one interval Q+15 … Q+16 = e(m).
/// A reading applied twice would show as 13 accepted readings or one more e(m); a lost one as fewer.
/// </para>
/// <para>
/// <see cref="Publishers"/> MQTT clients each carry the meters m ≡ p (mod Publishers) and publish round by round, each
/// round only once the test has released it, so a test can place its fault between rounds that are still in flight.
/// </para>
/// </remarks>
internal sealed class ClusterLoad
{
    public const int Meters = 300;
    public const int Rounds = 12;
    public const int Publishers = 30;

    /// <summary>How long a read may keep failing while the cluster settles after a fault.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(2);

    private readonly TaskCompletionSource[] _released =
        [.. Enumerable.Range(0, Rounds).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

    private readonly List<ResilientPublisher> _publishers = [];

    public ClusterLoad()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-40);
        QuarterHour = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.FromMinutes(15).Ticks), TimeSpan.Zero);
        T0 = QuarterHour.AddMinutes(5);
    }

    public DateTimeOffset QuarterHour { get; }

    public DateTimeOffset T0 { get; }

    public int Total => Meters * Rounds;

    public static string MeterId(int m) => $"fleet-{m:D3}";

    /// <summary>e(m): the energy of one minute at meter m's constant power, in Wh.</summary>
    public static double MinuteEnergyWh(int m) => 10 + (m % 10);

    public static double PowerW(int m) => 600 + (60 * (m % 10));

    /// <summary>Publishes from now on through the brokers on <paramref name="brokerPorts"/>, publisher p starting at broker p mod count.</summary>
    public Task RunAsync(IReadOnlyList<int> brokerPorts, CancellationToken cancellationToken)
    {
        var runs = new List<Task>();
        for (var p = 0; p < Publishers; p++)
        {
            var publisher = new ResilientPublisher($"device-{p:D2}", brokerPorts, p);
            _publishers.Add(publisher);
            var meters = Enumerable.Range(0, Meters).Where(m => m % Publishers == p).ToArray();
            runs.Add(Task.Run(() => PublishAsync(publisher, meters, cancellationToken), cancellationToken));
        }

        return Task.WhenAll(runs).ContinueWith(
            done =>
            {
                _publishers.ForEach(static p => p.Dispose());
                done.GetAwaiter().GetResult();
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Lets the publishers go on up to and including round <paramref name="round"/>.</summary>
    public void ReleaseThrough(int round)
    {
        for (var r = 0; r <= Math.Min(round, Rounds - 1); r++)
        {
            _released[r].TrySetResult();
        }
    }

    /// <summary>What the publishers had to do again: (republished messages, reconnections).</summary>
    public (int Republished, int Reconnects) Retries => (_publishers.Sum(static p => p.Republished), _publishers.Sum(static p => p.Reconnects));

    public static Task<long> CountStoredAsync(string database) =>
        TestDatabase.ScalarAsync<long>(database, "SELECT count(*) FROM meter_readings");

    /// <summary>Every published reading is in meter_readings exactly once: per meter the 12 instants sent, nothing else; and nothing was dead-lettered.</summary>
    public async Task AssertStoredExactlyOnceAsync(string database)
    {
        var stored = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT meter_id, ts FROM meter_readings ORDER BY meter_id, ts", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var meterId = reader.GetString(0);
                if (!stored.TryGetValue(meterId, out var list))
                {
                    stored[meterId] = list = [];
                }

                list.Add(new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero));
            }
        }

        var expected = Enumerable.Range(0, Rounds).Select(k => T0.AddMinutes(k)).ToList();
        var wrong = new List<string>();
        for (var m = 0; m < Meters; m++)
        {
            var instants = stored.GetValueOrDefault(MeterId(m)) ?? [];
            if (!instants.SequenceEqual(expected))
            {
                wrong.Add($"{MeterId(m)}: {instants.Count} rows, missing [{string.Join(", ", expected.Except(instants).Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture)))}]");
            }
        }

        var deadLetters = await TestDatabase.ScalarAsync<string>(database,
            "SELECT coalesce(string_agg(stage || ' ' || coalesce(meter_id, '') || ': ' || left(reason, 300), E'\\n'), '') FROM (SELECT * FROM dead_letters LIMIT 10) d");
        Assert.True(stored.Count == Meters && wrong.Count == 0,
            $"{stored.Count} meters stored (expected {Meters}); {wrong.Count} meters wrong: {string.Join("; ", wrong.Take(10))}; dead letters: {deadLetters}");
        Assert.True(deadLetters.Length == 0, $"nothing is dead-lettered, but:\n{deadLetters}");
    }

    /// <summary>Every meter's counters and integrals equal the hand calculation (see the remarks), read through <paramref name="http"/>.</summary>
    public async Task AssertIntegralsAsync(HttpClient http)
    {
        var from = ReadingsJson.Iso(QuarterHour);
        var to = ReadingsJson.Iso(QuarterHour.AddMinutes(30));
        var wrong = new List<string>();
        for (var m = 0; m < Meters; m++)
        {
            var e = MinuteEnergyWh(m);
            var meter = await ReadAsync(http, $"/api/v1/meters/{MeterId(m)}");
            var found = new
            {
                Accepted = meter.GetProperty("readingsAccepted").GetInt64(),
                Import = meter.GetProperty("integratedImportWh").GetDouble(),
                Export = meter.GetProperty("integratedExportWh").GetDouble(),
                Register = meter.GetProperty("registerImportWh").GetDouble(),
                Power = meter.GetProperty("importPowerW").GetDouble(),
                Last = meter.GetProperty("lastReadingAt").GetDateTimeOffset(),
                Gaps = meter.GetProperty("gaps").GetInt64(),
            };
            var energy = await ReadAsync(http, $"/api/v1/meters/{MeterId(m)}/energy?from={from}&to={to}&interval=15m");
            var buckets = energy.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("importWh").GetDouble()).ToArray();
            if (found.Accepted != Rounds || !Near(found.Import, 11 * e) || found.Export != 0 || !Near(found.Register, 11 * e)
                || found.Power != PowerW(m) || found.Last != T0.AddMinutes(Rounds - 1) || found.Gaps != 0
                || buckets.Length != 2 || !Near(buckets[0], 10 * e) || !Near(buckets[1], e))
            {
                wrong.Add($"{MeterId(m)} (e = {e} Wh): {found}, quarter-hours [{string.Join(", ", buckets)}]");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} meters differ from the hand calculation: {string.Join("; ", wrong.Take(10))}");
    }

    /// <summary>
    /// Reads <paramref name="path"/>, trying again while the cluster still settles after a fault: until every silo has
    /// seen the killed one declared dead, a call may go to its directory partition and time out or fail.
    /// </summary>
    private static Task<JsonElement> ReadAsync(HttpClient http, string path) =>
        Eventually.ReturnsAsync(() => http.GetFromJsonAsync<JsonElement>(path), _ => true, SettleTimeout, $"GET {path} answers");

    private static bool Near(double actual, double expected) => Math.Abs(actual - expected) < 1e-6;

    private async Task PublishAsync(ResilientPublisher publisher, int[] meters, CancellationToken cancellationToken)
    {
        for (var k = 0; k < Rounds; k++)
        {
            await _released[k].Task.WaitAsync(cancellationToken);
            foreach (var m in meters)
            {
                var ts = T0.AddMinutes(k).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var register = (1000 * (m + 1)) + (MinuteEnergyWh(m) * k);
                await publisher.PublishAsync(
                    $"meters/{MeterId(m)}/reading",
                    string.Create(CultureInfo.InvariantCulture, $$"""{"ts":"{{ts}}","importPowerW":{{PowerW(m)}},"importRegisterWh":{{register}}}"""),
                    cancellationToken);
            }
        }
    }
}
