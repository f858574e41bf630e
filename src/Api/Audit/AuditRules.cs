using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace MeterGrains.Api.Audit;

/// <summary>
/// What the audit log keeps: every refusal (401, 403, 413, 429, also a gRPC call refused with
/// <c>Unauthenticated</c> or <c>PermissionDenied</c>) and every write. A write is a REST call with a method other than
/// GET, HEAD or OPTIONS, or a gRPC call that streams from the client (publishing results); reads, live-hub
/// connections and health probes are not kept unless refused.
/// </summary>
public static class AuditRules
{
    public static bool IsRefusal(int status) =>
        status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests;

    /// <summary>The HTTP status a gRPC refusal is kept as, or null when the gRPC status is not a refusal.</summary>
    public static int? GrpcRefusalStatus(string? grpcStatus) => grpcStatus switch
    {
        "16" => StatusCodes.Status401Unauthorized,
        "7" => StatusCodes.Status403Forbidden,
        "8" => StatusCodes.Status413PayloadTooLarge, // ResourceExhausted: gRPC's own message-size refusal
        _ => null,
    };

    /// <summary>Whether a call of this kind is a write.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="grpcMethodType">The gRPC method's type for a gRPC call, else null.</param>
    /// <param name="isHub">Whether the endpoint belongs to a SignalR hub.</param>
    public static bool IsWrite(string method, MethodType? grpcMethodType, bool isHub) =>
        grpcMethodType is { } type
            ? type is MethodType.ClientStreaming or MethodType.DuplexStreaming
            : !isHub && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method);
}
