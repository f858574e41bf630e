using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Ingest;
using MeterGrains.Meters;
using Microsoft.Extensions.Logging;

namespace MeterGrains.Api.Meters;

/// <summary>
/// Readings over HTTP (<c>POST /api/v1/meters/{meterId}/readings</c>): a generic JSON payload, parsed by the same
/// <see cref="GenericJsonReadings"/> as MQTT, is handed straight to the meter grain (the caller waits for its answer,
/// so there is no queue), and every refusal is dead-lettered as the gateway's are.
/// </summary>
public sealed class HttpReadingIngest(IGrainFactory grains, IDeadLetterSink deadLetters, ILogger<HttpReadingIngest> logger)
{
    /// <summary>Ingests the readings of a parsed payload and reports what was accepted and what was refused, and why.</summary>
    public async Task<PostReadingsResponse> IngestAsync(string meterId, GenericJsonPayload payload, DateTimeOffset receivedAt)
    {
        var parsed = payload.Elements.Where(e => e.Reading is not null).ToList();
        var result = parsed.Count == 0
            ? IngestResult.Empty
            : await grains.GetGrain<IMeterGrain>(meterId).IngestAsync([.. parsed.Select(e => e.Reading!)]);

        var rejected = new List<RejectedReadingResponse>();
        var deadLettered = new List<Task>();
        foreach (var element in payload.Elements.Where(e => e.Reading is null))
        {
            rejected.Add(new RejectedReadingResponse(element.Index, null, element.Reason!));
            deadLettered.Add(WriteAsync(new DeadLetter(DeadLetterStage.Decode, element.Reason!, receivedAt, meterId, RawPayload: element.RawText)));
        }

        // The grain names the readings it refused, not their positions: match each to the first unclaimed equal reading.
        var unclaimed = parsed.ToList();
        foreach (var refused in result.Rejected)
        {
            var match = unclaimed.FindIndex(e => e.Reading == refused.Reading);
            var index = match >= 0 ? unclaimed[match].Index : -1;
            if (match >= 0)
            {
                unclaimed.RemoveAt(match);
            }

            rejected.Add(new RejectedReadingResponse(index, refused.Reading.Timestamp, refused.Reason));
            deadLettered.Add(WriteAsync(new DeadLetter(DeadLetterStage.Grain, refused.Reason, receivedAt, meterId, Reading: refused.Reading)));
        }

        // The answer names the refusals as stored: wait for the dead letters to be on disk (written in one batch).
        await Task.WhenAll(deadLettered);
        return new PostReadingsResponse(meterId, payload.Elements.Count, result.Accepted, [.. rejected.OrderBy(r => r.Index)]);
    }

    /// <summary>Dead-letters a body refused as a whole (too large, or not a reading payload).</summary>
    public Task RefuseAsync(string meterId, string reason, DateTimeOffset receivedAt, string? rawPayload) =>
        WriteAsync(new DeadLetter(DeadLetterStage.Decode, reason, receivedAt, meterId, RawPayload: rawPayload));

    private async Task WriteAsync(DeadLetter deadLetter)
    {
        try
        {
            await deadLetters.WriteAsync(deadLetter);
        }
        catch (Exception ex)
        {
            // The seam's contract: callers log and go on; the HTTP caller still hears what happened.
            logger.DeadLetterWriteFailed(deadLetter.MeterId ?? string.Empty, deadLetter.Reason, ex);
        }
    }
}
