using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MeterGrains.Api.Analytics;
using V1 = MeterGrains.Grpc.V1;

namespace MeterGrains.Api.Grpc;

/// <summary>
/// <c>metergrains.v1.Analytics</c>: processing results streamed by the client, each taken in as by
/// <c>POST /api/v1/analytics/results</c>; one refused result does not end the stream, it is counted and explained.
/// </summary>
internal sealed class AnalyticsGrpcService(AnalyticsPublisher publisher) : V1.Analytics.AnalyticsBase
{
    /// <summary>The most rejections explained in one answer (all are counted).</summary>
    public const int MaxRejectionsListed = 100;

    public override async Task<V1.PublishResultsResponse> PublishResults(IAsyncStreamReader<V1.AnalyticsResult> requestStream, ServerCallContext context)
    {
        var caller = context.GetHttpContext().User;
        var response = new V1.PublishResultsResponse();
        var index = 0;
        await foreach (var result in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var publication = GrpcMessages.TryInstant(result.From, out var from) && GrpcMessages.TryInstant(result.To, out var to)
                ? await publisher.PublishAsync(caller, ToInput(result, from, to), context.CancellationToken)
                : AnalyticsPublication.Refused(AnalyticsRefusal.Invalid, "from and to must lie between the years 0001 and 9999");
            if (publication.Refusal == AnalyticsRefusal.None)
            {
                response.Accepted++;
            }
            else
            {
                response.Rejected++;
                if (response.Rejections.Count < MaxRejectionsListed)
                {
                    response.Rejections.Add(new V1.Rejection { Index = index, Code = CodeOf(publication.Refusal), Reason = publication.Problem });
                }
            }

            index++;
        }

        return response;
    }

    private static AnalyticsInput ToInput(V1.AnalyticsResult result, DateTimeOffset? from, DateTimeOffset? to)
    {
        var payload = result.Payload is { KindCase: not (Value.KindOneofCase.None or Value.KindOneofCase.NullValue) } value
            ? JsonFormatter.Default.Format(value)
            : null;
        return new AnalyticsInput(
            NullIfEmpty(result.Kind), NullIfEmpty(result.Subject), from, to, payload, NullIfEmpty(result.Severity));
    }

    private static string CodeOf(AnalyticsRefusal refusal) =>
        refusal == AnalyticsRefusal.UnknownSubject ? nameof(StatusCode.NotFound) : nameof(StatusCode.InvalidArgument);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
