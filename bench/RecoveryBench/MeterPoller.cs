using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace MeterGrains.Bench;

/// <summary>
/// Asks every meter for its state over REST (<c>GET /api/v1/meters/{id}</c>, which activates the grain: snapshot read,
/// stored readings replayed) with bounded concurrency, until it answers with the readings it is expected to hold.
/// </summary>
public sealed class MeterPoller(HttpClient http, int concurrency)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>What polling found.</summary>
    /// <param name="FirstAnswer">From the start until the first meter answered with its expected count.</param>
    /// <param name="AllAnswered">From the start until the last one did (or the deadline).</param>
    /// <param name="Answered">Meters that answered with the expected count.</param>
    /// <param name="Requests">HTTP requests made in all.</param>
    /// <param name="Mismatches">Meters that answered 200 with another count at least once (first few: id, expected, seen).</param>
    /// <param name="Latencies">Milliseconds from the start until each meter answered correctly.</param>
    public sealed record Result(
        TimeSpan FirstAnswer, TimeSpan AllAnswered, int Answered, long Requests, IReadOnlyList<(string Meter, long Expected, long Seen)> Mismatches, double[] Latencies);

    public async Task<Result> PollAsync(IReadOnlyList<string> meters, IReadOnlyList<long> expected, TimeSpan deadline)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(deadline);
        var next = -1;
        var answeredAt = new double[meters.Count];
        Array.Fill(answeredAt, double.NaN);
        var mismatches = new List<(string, long, long)>();
        long requests = 0;

        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < meters.Count && !timeout.IsCancellationRequested)
            {
                while (!timeout.IsCancellationRequested)
                {
                    Interlocked.Increment(ref requests);
                    var seen = await AcceptedAsync(meters[i], timeout.Token);
                    if (seen == expected[i])
                    {
                        answeredAt[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        break;
                    }

                    if (seen is { } wrong)
                    {
                        lock (mismatches)
                        {
                            mismatches.Add((meters[i], expected[i], wrong));
                        }
                    }

                    try
                    {
                        await Task.Delay(RetryDelay, timeout.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)));
        var answered = answeredAt.Where(t => !double.IsNaN(t)).Order().ToArray();
        return new Result(
            TimeSpan.FromMilliseconds(answered.FirstOrDefault()),
            answered.Length == meters.Count ? TimeSpan.FromMilliseconds(answered[^1]) : Stopwatch.GetElapsedTime(started),
            answered.Length,
            requests,
            mismatches,
            answered);
    }

    /// <summary>The meter's readingsAccepted, or null when it did not answer 200 (not ready, timeout, error).</summary>
    private async Task<long?> AcceptedAsync(string meter, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync($"/api/v1/meters/{meter}", ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            return json.RootElement.GetProperty("readingsAccepted").GetInt64();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            return null;
        }
    }
}
