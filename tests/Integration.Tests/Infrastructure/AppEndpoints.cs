using Grpc.AspNetCore.Server;
using MeterGrains.Silo.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>
/// The endpoints the silo routes, read from its endpoint data sources: the app is composed exactly as Program.cs
/// composes it (<c>AddMeterGrainsSilo</c>, <c>MapMeterGrainsEndpoints</c>) with every role, built, and never started.
/// </summary>
internal static class AppEndpoints
{
    public static async Task<IReadOnlyList<RoutedEndpoint>> ReadAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roles"] = "grains,gateway,api",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=never-opened",
        });
        builder.AddMeterGrainsSilo();
        await using var app = builder.Build();
        app.MapMeterGrainsEndpoints();

        var endpoints = new List<RoutedEndpoint>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            var grpc = metadata.GetMetadata<GrpcMethodMetadata>();
            endpoints.Add(new RoutedEndpoint(
                Normalize(endpoint.RoutePattern.RawText ?? string.Empty),
                metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [],
                endpoint.DisplayName ?? string.Empty,
                metadata.GetMetadata<HubMetadata>()?.HubType,
                grpc is null ? null : new GrpcMethod(grpc.Method.ServiceName, grpc.Method.Name, grpc.Method.Type),
                metadata.GetMetadata<IAllowAnonymous>() is not null));
        }

        return endpoints;
    }

    /// <summary>The pattern as the OpenAPI document writes it: a leading slash, no trailing one.</summary>
    public static string Normalize(string pattern)
    {
        var trimmed = "/" + pattern.Trim('/');
        return trimmed;
    }
}

/// <summary>One routed endpoint: its pattern and methods (none: any), and what it belongs to.</summary>
internal sealed record RoutedEndpoint(
    string Pattern, IReadOnlyList<string> Methods, string DisplayName, Type? HubType, GrpcMethod? Grpc, bool AllowsAnonymous);

/// <summary>A gRPC method: <c>/{Service}/{Name}</c>.</summary>
internal sealed record GrpcMethod(string Service, string Name, global::Grpc.Core.MethodType Type)
{
    public string Path => $"/{Service}/{Name}";
}
