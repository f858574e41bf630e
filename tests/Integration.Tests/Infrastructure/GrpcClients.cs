using Grpc.Core;
using Grpc.Net.Client;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>gRPC clients of a silo's HTTP/2 port, generated from <c>proto/metergrains/v1</c> as a processing app would.</summary>
internal static class GrpcClients
{
    public static GrpcChannel Channel(SiloProcess silo) => GrpcChannel.ForAddress($"http://127.0.0.1:{silo.Ports.Grpc}");

    /// <summary>The <c>x-api-key</c> metadata of a call; none when <paramref name="apiKey"/> is null.</summary>
    public static Metadata Key(string? apiKey) => apiKey is null ? [] : new Metadata { { "x-api-key", apiKey } };
}
