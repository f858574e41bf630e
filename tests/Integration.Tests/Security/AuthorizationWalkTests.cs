using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using MeterGrains.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static MeterGrains.Integration.Tests.Security.EndpointExpectations;

namespace MeterGrains.Integration.Tests.Security;

/// <summary>
/// Walks every endpoint the silo routes (read from its endpoint data sources, so a new endpoint without a case in
/// <see cref="EndpointExpectations"/> fails) and every hub method, as every <see cref="Caller"/>, over real HTTP,
/// the .NET SignalR client and a gRPC channel against a running silo. Each test reports all mismatches at once.
/// </summary>
[Collection(WalkSiloCollection.Name)]
public sealed class AuthorizationWalkTests(WalkSiloFixture fixture)
{
    private const string InvalidApiKey = "not-a-key-of-this-cloud-0123456789";

    [Fact]
    public async Task Every_routed_endpoint_has_a_case_and_every_case_a_route()
    {
        var endpoints = await AppEndpoints.ReadAsync();
        var problems = new List<string>();
        var restKeys = Rest(fixture).Select(c => c.Key).ToHashSet();
        var grpcPaths = GrpcMethods().Select(c => c.Path).ToHashSet();
        var routedRest = new HashSet<string>();
        var routedGrpc = new HashSet<string>();
        foreach (var endpoint in endpoints.Where(e => e.HubType is null && !IsFrameworkFallback(e)))
        {
            if (endpoint.Grpc is { } grpc)
            {
                routedGrpc.Add(grpc.Path);
                continue;
            }

            // Health checks are mapped for any method; the walk calls them with GET.
            foreach (var method in endpoint.Methods.DefaultIfEmpty("GET"))
            {
                routedRest.Add($"{method} {endpoint.Pattern}");
            }
        }

        problems.AddRange(routedRest.Except(restKeys).Select(k => $"routed without a case: {k}"));
        problems.AddRange(restKeys.Except(routedRest).Select(k => $"case without a route: {k}"));
        problems.AddRange(routedGrpc.Except(grpcPaths).Select(k => $"gRPC method without a case: {k}"));
        problems.AddRange(grpcPaths.Except(routedGrpc).Select(k => $"gRPC case without a method: {k}"));

        var hubTypes = endpoints.Select(e => e.HubType).OfType<Type>().Distinct().ToList();
        Assert.Equal([typeof(MeterGrains.Api.Live.LiveHub)], hubTypes);
        var hubMethods = HubMethods(hubTypes[0]);
        var hubCases = LiveHub().Select(c => c.Method).ToHashSet();
        problems.AddRange(hubMethods.Except(hubCases).Select(m => $"hub method without a case: {m}"));
        problems.AddRange(hubCases.Except(hubMethods).Select(m => $"hub case without a method: {m}"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Every_REST_endpoint_answers_every_caller_as_expected()
    {
        var mismatches = new List<string>();
        foreach (var test in Rest(fixture))
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                using var client = CreateClient(caller);
                using var request = new HttpRequestMessage(new HttpMethod(test.Method), test.Path) { Content = test.Body() };
                using var response = await client.SendAsync(request);
                var expected = test.Expect.For(caller);
                if ((int)response.StatusCode != expected)
                {
                    mismatches.Add($"{test.Method} {test.Path} as {caller}: {(int)response.StatusCode}, expected {expected} ({await BodyAsync(response)})");
                }
                else if (expected >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    mismatches.Add($"{test.Method} {test.Path} as {caller}: {expected} without problem details");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task Every_hub_method_answers_every_caller_as_expected()
    {
        var mismatches = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            await using var connection = HubConnection(caller);
            HubOutcome? connectFailure = null;
            try
            {
                await connection.StartAsync();
            }
            catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                connectFailure = HubOutcome.Unauthorized;
            }

            foreach (var test in LiveHub())
            {
                var outcome = connectFailure ?? await InvokeAsync(connection, test);
                if (outcome != test.For(caller))
                {
                    mismatches.Add($"{test.Method}({string.Join(", ", test.Arguments)}) as {caller}: {outcome}, expected {test.For(caller)}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task Every_gRPC_method_answers_every_caller_as_expected()
    {
        var methods = (await AppEndpoints.ReadAsync()).Select(e => e.Grpc).OfType<GrpcMethod>().ToDictionary(m => m.Path);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{fixture.Silo.Ports.Grpc}");
        var invoker = channel.CreateCallInvoker();
        var mismatches = new List<string>();
        foreach (var test in GrpcMethods())
        {
            var method = methods[test.Path];
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var status = await CallAsync(invoker, method, test.Request, GrpcHeaders(caller));
                if (status != test.For(caller))
                {
                    mismatches.Add($"{test.Path} as {caller}: {status}, expected {test.For(caller)}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_exactly_the_routed_REST_endpoints()
    {
        var routed = (await AppEndpoints.ReadAsync())
            .Where(e => e.HubType is null && e.Grpc is null && !IsFrameworkFallback(e) && e.Methods.Count > 0)
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Pattern}"))
            .Where(k => !k.StartsWith("GET /openapi/", StringComparison.Ordinal))
            // Not API operations: the dashboard's redirect and Prometheus' text format.
            .Where(k => k is not ("GET /" or "GET /metrics"))
            .Order()
            .ToList();

        using var anonymous = fixture.Silo.CreateClient(null);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order()
            .ToList();

        Assert.Equal(routed, documented);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    private static HashSet<string> HubMethods(Type hubType) =>
        hubType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hubType)
            .Select(m => m.Name)
            .ToHashSet();

    private HttpClient CreateClient(Caller caller)
    {
        var client = fixture.Silo.CreateClient(caller switch
        {
            Caller.Operator => SiloProcess.OperatorApiKey,
            Caller.Processor => SiloProcess.ProcessorApiKey,
            Caller.InvalidKey => InvalidApiKey,
            _ => null,
        });
        if (Token(caller) is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    private string? Token(Caller caller) => caller switch
    {
        Caller.ResidentOwn => fixture.OwnResidentToken,
        Caller.ResidentOther => fixture.OtherResidentToken,
        Caller.InvalidToken => fixture.ForgedToken,
        _ => null,
    };

    /// <summary>Keys in the header; bearer tokens as a browser sends them, in the query string.</summary>
    private HubConnection HubConnection(Caller caller)
    {
        var url = LiveHubClient.HubUrl(fixture.Silo) + (Token(caller) is { } token ? $"?access_token={Uri.EscapeDataString(token)}" : string.Empty);
        var key = caller switch
        {
            Caller.Operator => SiloProcess.OperatorApiKey,
            Caller.Processor => SiloProcess.ProcessorApiKey,
            Caller.InvalidKey => InvalidApiKey,
            _ => null,
        };
        return new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                if (key is not null)
                {
                    o.Headers["X-Api-Key"] = key;
                }
            })
            .Build();
    }

    private static async Task<HubOutcome> InvokeAsync(HubConnection connection, HubCase test)
    {
        try
        {
            await connection.InvokeCoreAsync(test.Method, test.Arguments);
            return HubOutcome.Ok;
        }
        catch (HubException)
        {
            return HubOutcome.Refused;
        }
    }

    private Metadata GrpcHeaders(Caller caller)
    {
        var headers = new Metadata();
        switch (caller)
        {
            case Caller.Operator:
                headers.Add("x-api-key", SiloProcess.OperatorApiKey);
                break;
            case Caller.Processor:
                headers.Add("x-api-key", SiloProcess.ProcessorApiKey);
                break;
            case Caller.InvalidKey:
                headers.Add("x-api-key", InvalidApiKey);
                break;
        }

        if (Token(caller) is { } token)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        return headers;
    }

    /// <summary>Calls any gRPC method with one raw request message; a stream counts as answered at its first message.</summary>
    private static async Task<StatusCode> CallAsync(CallInvoker invoker, GrpcMethod grpc, byte[] request, Metadata headers)
    {
        var raw = Marshallers.Create(static (byte[] b) => b, static b => b);
        var method = new Method<byte[], byte[]>(grpc.Type, grpc.Service, grpc.Name, raw, raw);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var options = new CallOptions(headers, cancellationToken: cancellation.Token);
        try
        {
            switch (grpc.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, request);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(method, null, options, request))
                    {
                        await call.ResponseStream.MoveNext(cancellation.Token);
                    }

                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(method, null, options))
                    {
                        try
                        {
                            await call.RequestStream.WriteAsync(request);
                            await call.RequestStream.CompleteAsync();
                        }
                        catch (RpcException)
                        {
                            // The server may answer (a refusal: 401/403) before it reads the request, and the write then
                            // fails with Cancelled; the call's own status is in its response.
                        }

                        await call.ResponseAsync;
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(method, null, options))
                    {
                        await call.RequestStream.WriteAsync(request);
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseStream.MoveNext(cancellation.Token);
                    }

                    break;
            }

            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return body.Length <= 300 ? body : new StringBuilder(body, 0, 300, 303).Append("…").ToString();
    }
}
