using MeterGrains.Api.Privacy;
using MeterGrains.Imports;
using MeterGrains.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeterGrains.Api.Imports;

/// <summary>
/// <c>POST /api/v1/imports/csv?meterId=&amp;tz=</c> (interfaces.md; operators): a CSV file as the raw request body, of
/// readings or of interval energy, streamed line by line, stored idempotently and answered with a summary, per-channel
/// statistics, anomalies and a 7-day forecast.
/// </summary>
public static class ImportApi
{
    public static RouteGroupBuilder MapImportApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/imports").WithTags("Imports");
        group.MapPost("/csv", PostCsvAsync).WithName("PostCsvImport");
        return group;
    }

    /// <summary>
    /// 400 for a missing or bad <c>meterId</c> or <c>tz</c>, a multipart body, or a file that is not CSV of either shape;
    /// 413 above <c>Imports:MaxUploadBytes</c>. Rows are stored in batches as they are read, so an upload cut off by the
    /// limit may leave its first batches stored; sending the whole file again is safe.
    /// </summary>
    public static async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> PostCsvAsync(
        HttpContext context, CsvImporter importer, Pseudonyms pseudonyms, IOptions<ImportOptions> options, ILogger<CsvImporter> logger,
        string? meterId, string? tz, CancellationToken cancellationToken)
    {
        if (MeterIds.Explain(meterId) is { } invalid)
        {
            return Problems.BadRequest(meterId is null ? "meterId is required (the meter the file belongs to)" : invalid);
        }

        var zoneId = tz ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return Problems.BadRequest($"tz '{tz}' is not a known IANA time zone (for example Europe/Brussels)");
        }

        var request = context.Request;
        if (request.HasFormContentType)
        {
            return Problems.BadRequest("send the CSV file as the raw request body (Content-Type: text/csv), not as a form");
        }

        var max = options.Value.MaxUploadBytes;
        if (request.ContentLength > max)
        {
            return Problems.TooLarge(new UploadTooLargeException(max).Message);
        }

        // Kestrel's default limit (30 MB) would cut a large upload short; the import's own limit applies instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = max + 1;
        }

        ImportOutcome outcome;
        try
        {
            outcome = await importer.ImportAsync(meterId!, new SizeLimitedStream(request.Body, max), zone, cancellationToken);
        }
        catch (UploadTooLargeException tooLarge)
        {
            return Problems.TooLarge(tooLarge.Message);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(new UploadTooLargeException(max).Message);
        }

        if (outcome.Summary is not { } summary)
        {
            return Problems.BadRequest(outcome.Problem!);
        }

        // Issued now, so that a processing app given the pseudonym of a sub-meter (<meterId>:<channel>) can ask for its forecast.
        await pseudonyms.IssueAllAsync(summary.Channels.Select(c => c.MeterId).Append(summary.MeterId), cancellationToken);
        logger.CsvImported(summary.MeterId, summary.Rows, summary.Stored, summary.Duplicates, summary.Rejected, summary.Timings.TotalMs);
        return TypedResults.Ok(summary);
    }
}
