using Grpc.Core;

namespace MeterGrains.Api.Grpc;

/// <summary>The gRPC statuses of refusals, each with a message that names the field or the subject.</summary>
internal static class GrpcErrors
{
    public static RpcException InvalidArgument(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    public static RpcException NotFound(string detail) => new(new Status(StatusCode.NotFound, detail));

    public static RpcException PermissionDenied(string detail) => new(new Status(StatusCode.PermissionDenied, detail));
}
