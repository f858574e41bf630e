using Grpc.Core;
using MeterGrains.Api.Audit;

namespace MeterGrains.Api.Tests.Audit;

public sealed class AuditRulesTests
{
    [Theory]
    [InlineData("POST", null, false, true)]
    [InlineData("PUT", null, false, true)]
    [InlineData("DELETE", null, false, true)]
    [InlineData("GET", null, false, false)]
    [InlineData("HEAD", null, false, false)]
    // A dashboard negotiating a hub connection is not a write.
    [InlineData("POST", null, true, false)]
    // gRPC is always POST: only client streams (publishing results) write.
    [InlineData("POST", MethodType.Unary, false, false)]
    [InlineData("POST", MethodType.ServerStreaming, false, false)]
    [InlineData("POST", MethodType.ClientStreaming, false, true)]
    [InlineData("POST", MethodType.DuplexStreaming, false, true)]
    public void Writes_are_told_from_reads(string method, MethodType? grpc, bool hub, bool expected) =>
        Assert.Equal(expected, AuditRules.IsWrite(method, grpc, hub));

    [Theory]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(413, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(200, false)]
    public void Refusals_are_the_auth_and_limit_statuses(int status, bool expected) => Assert.Equal(expected, AuditRules.IsRefusal(status));

    [Theory]
    [InlineData("16", 401)]
    [InlineData("7", 403)]
    [InlineData("8", 413)]
    [InlineData("0", null)]
    [InlineData("5", null)]
    [InlineData(null, null)]
    public void gRPC_refusals_are_kept_as_HTTP_statuses(string? grpcStatus, int? expected) =>
        Assert.Equal(expected, AuditRules.GrpcRefusalStatus(grpcStatus));
}
