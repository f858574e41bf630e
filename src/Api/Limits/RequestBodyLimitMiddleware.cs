using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Limits;

/// <summary>
/// One body limit for every REST endpoint (<c>RequestLimits:MaxBodyBytes</c>, or the endpoint's
/// <see cref="IRequestSizeLimitMetadata"/>): a declared <c>Content-Length</c> over it is refused before the endpoint
/// runs, and a chunked body is cut off by the server when it passes it; both answer 413 problem details.
/// gRPC calls are left to the per-message limit of gRPC. A body an endpoint cannot read (bad JSON) is 400 problem details.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestBodyLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            await next(context);
            return;
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLargeAsync(context, limit);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // A body the endpoint could not read (bad JSON): 400 problem details in every environment, where
            // Development's ThrowOnBadRequest would otherwise turn it into a 500.
            await ProblemResponses.WriteAsync(context, ex.StatusCode, "Bad request", ex.Message);
        }
    }

    private static Task TooLargeAsync(HttpContext context, long? limit) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large",
            $"The request body exceeds the limit of {limit} bytes ({RequestBodyLimitOptions.SectionName}:MaxBodyBytes).");
}
