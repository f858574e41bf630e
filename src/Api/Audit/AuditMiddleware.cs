using System.Security.Claims;
using Grpc.AspNetCore.Server;
using MeterGrains.Api.Auth;
using MeterGrains.Api.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace MeterGrains.Api.Audit;

/// <summary>
/// Records writes and refusals (see <see cref="AuditRules"/>) after the answer is decided. It sits in front of
/// authentication, rate limits, authorization and body limits, so it sees their refusals too, and applies to every
/// endpoint, including ones added later. Recording only queues; <see cref="PostgresAuditLog"/> writes in batches.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, IAuditSink sink, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var at = clock.GetUtcNow();
        try
        {
            await next(context);
        }
        catch
        {
            await RecordAsync(context, at, StatusCodes.Status500InternalServerError);
            throw;
        }

        await RecordAsync(context, at, context.Response.StatusCode);
    }

    private const int MaxNoteLength = 300;

    private async Task RecordAsync(HttpContext context, DateTimeOffset at, int status)
    {
        var endpoint = context.GetEndpoint();
        var grpcMethod = endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        if (grpcMethod is not null
            && AuditRules.GrpcRefusalStatus(context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"]) is { } refusal)
        {
            status = refusal;
        }

        var isHub = endpoint?.Metadata.GetMetadata<HubMetadata>() is not null;
        if (!AuditRules.IsRefusal(status) && !AuditRules.IsWrite(context.Request.Method, grpcMethod?.Type, isHub))
        {
            return;
        }

        var caller = context.User;
        // Why credentials were refused: the handlers keep their result for the request, so asking again costs nothing.
        var failure = status == StatusCodes.Status401Unauthorized ? (await context.AuthenticateAsync()).Failure?.Message : null;
        failure = failure?.Split('\n', 2)[0].Trim();
        if (failure is { Length: > MaxNoteLength })
        {
            failure = failure[..MaxNoteLength];
        }

        sink.Record(new AuditEntry(
            at, caller.Actor(), caller.FindFirstValue(ApiClaims.Role), CallerRateLimiter.ClientAddress(context),
            context.Request.Method, context.Request.Path.Value ?? "/", status, failure));
    }
}
