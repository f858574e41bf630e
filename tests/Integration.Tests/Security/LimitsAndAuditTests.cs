using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.Security;

/// <summary>
/// Rate limits, body limits and the audit log on a real silo with small limits: a caller's burst of 3, then 429 with
/// Retry-After; bodies over 2048 bytes refused with 413 whether declared or chunked; writes and refusals in
/// <c>GET /api/v1/audit</c>, with who, what and the outcome.
/// </summary>
public sealed class LimitsAndAuditTests(LimitsSiloFixture fixture) : IClassFixture<LimitsSiloFixture>
{
    private SiloProcess Silo => fixture.Silo;

    [Fact]
    public async Task A_caller_over_its_burst_gets_429_problem_details_with_Retry_After_and_it_is_audited()
    {
        using var processor = Silo.CreateClient(SiloProcess.ProcessorApiKey);
        // Burst 3, refilled with 1 token a second: the first three calls pass (200 from /gateways), and within t seconds
        // at most 3 + ceil(t) do, so 20 calls on a loaded machine still meet a 429 before they run out.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await processor.GetAsync("/api/v1/gateways");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.True(refused is not null, $"no 429 in {statuses.Count} calls");
        Assert.True(statuses.Count >= 4, $"the burst of 3 passed before the first 429 (statuses: {string.Join(", ", statuses)})");
        using (refused)
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            // One token a second: the next one is at most a second away.
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        }

        await WaitForAuditAsync(e => e.Actor == "ApiKey:test-processor" && e.Status == 429 && e.Path == "/api/v1/gateways" && e.Method == "GET",
            "the 429 of the processor is audited");
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_problem_details_declared_or_chunked()
    {
        var body = $$"""{"type":"house","occupants":1,"timeZone":"UTC","name":"{{new string('x', 3000)}}"}""";
        using var declared = await PastRateLimitAsync(() => Silo.Http.PutAsync("/api/v1/households/big", new StringContent(body, new MediaTypeHeaderValue("application/json"))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("application/problem+json", declared.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RequestLimits:MaxBodyBytes", await declared.Content.ReadAsStringAsync());

        // Without Content-Length the server counts as it reads and stops at the limit.
        var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await PastRateLimitAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/households/big") { Content = chunked };
            request.Headers.TransferEncodingChunked = true;
            return Silo.Http.SendAsync(request);
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        // A body within the limit is fine.
        using var small = await PastRateLimitAsync(() => Silo.Http.PutAsJsonAsync("/api/v1/households/small", new { type = "house", occupants = 1, timeZone = "UTC" }));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Writes_and_refusals_are_audited_with_who_what_and_outcome_and_reads_are_not()
    {
        var household = $"audit-{Guid.NewGuid():N}"[..16];
        using (var put = await PastRateLimitAsync(() => Silo.Http.PutAsJsonAsync($"/api/v1/households/{household}", new { type = "house", occupants = 1, timeZone = "UTC" })))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var read = await PastRateLimitAsync(() => Silo.Http.GetAsync($"/api/v1/households/{household}")))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var stranger = Silo.CreateClient("wrong-key-0123456789abcdefghij"))
        using (var refused = await stranger.GetAsync($"/api/v1/households/{household}?access_token=secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var resident = Silo.CreateClient(SiloProcess.ResidentApiKey))
        using (var forbidden = await resident.GetAsync($"/api/v1/households/{household}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        var path = $"/api/v1/households/{household}";
        await WaitForAuditAsync(e => e.Path == path && e.Status == 403, "the resident's 403 is audited");
        // The operator's calls may have met this silo's small bucket first; those 429s are audited too, and left out here.
        var entries = (await ReadAuditAsync()).Where(e => e.Path == path && e.Status != 429).ToList();

        var write = Assert.Single(entries, e => e.Method == "PUT");
        Assert.Equal(("ApiKey:test-operator", "operator", 200, "127.0.0.1"), (write.Actor, write.Role, write.Status, write.ClientIp));
        var unauthenticated = Assert.Single(entries, e => e.Status == 401);
        Assert.Null(unauthenticated.Actor);
        Assert.Contains("not a valid key", unauthenticated.Note);
        var forbiddenEntry = Assert.Single(entries, e => e.Status == 403);
        Assert.Equal(("ApiKey:test-resident", "resident", "GET"), (forbiddenEntry.Actor, forbiddenEntry.Role, forbiddenEntry.Method));
        // The operator's successful read is not a write: exactly the three entries above.
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.DoesNotContain("access_token", e.Path));
    }

    /// <summary>
    /// X-Forwarded-For names the client only when the known proxy (127.0.0.2 on this silo) sends it: from there the audit
    /// log (and the per-IP bucket, which reads the same address) sees the forwarded client; from any other address the
    /// header is ignored and the TCP peer stays the client, so a caller cannot pick its own bucket.
    /// </summary>
    [Fact]
    public async Task Forwarded_for_is_believed_from_the_known_proxy_only()
    {
        var viaProxy = $"fwd-{Guid.NewGuid():N}"[..16];
        var direct = $"fwd-{Guid.NewGuid():N}"[..16];
        using (var proxy = ClientFrom(IPAddress.Parse("127.0.0.2")))
        using (var put = await PastRateLimitAsync(() => proxy.SendAsync(ForwardedPut(viaProxy, "203.0.113.7"))))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var put = await PastRateLimitAsync(() => Silo.Http.SendAsync(ForwardedPut(direct, "198.51.100.9"))))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await WaitForAuditAsync(e => e.Path == $"/api/v1/households/{direct}" && e.Status == 200, "the direct write is audited");
        var entries = await ReadAuditAsync();
        Assert.Equal("203.0.113.7", Assert.Single(entries, e => e.Path == $"/api/v1/households/{viaProxy}" && e.Status == 200).ClientIp);
        Assert.Equal("127.0.0.1", Assert.Single(entries, e => e.Path == $"/api/v1/households/{direct}" && e.Status == 200).ClientIp);
    }

    private static HttpRequestMessage ForwardedPut(string household, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/households/{household}")
        {
            Content = JsonContent.Create(new { type = "house", occupants = 1, timeZone = "UTC" }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }

    /// <summary>An operator client whose connections leave from <paramref name="local"/> (any 127.x address is loopback on Linux).</summary>
    private HttpClient ClientFrom(IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorApiKey);
        return client;
    }

    /// <summary>
    /// The operator shares the small bucket of this silo (it reads the audit log often): a call refused with 429 is
    /// sent again after the Retry-After the silo named, until a deadline.
    /// </summary>
    private static async Task<HttpResponseMessage> PastRateLimitAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || DateTime.UtcNow > deadline)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    private async Task<List<AuditRow>> ReadAuditAsync()
    {
        using var response = await PastRateLimitAsync(() => Silo.Http.GetAsync("/api/v1/audit?limit=1000"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<AuditRow>>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    private Task WaitForAuditAsync(Func<AuditRow, bool> match, string expectation) =>
        Eventually.UntilAsync(async () => (await ReadAuditAsync()).Any(match), TimeSpan.FromSeconds(30), expectation);

    private sealed record AuditRow(long Id, DateTimeOffset At, string? Actor, string? Role, string ClientIp, string Method, string Path, int Status, string? Note);
}
