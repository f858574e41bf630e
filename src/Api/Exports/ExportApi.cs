using System.Globalization;
using MeterGrains.Exports;
using MeterGrains.Exports.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MeterGrains.Api.Exports;

/// <summary>
/// The daily exports for operators: <c>POST /api/v1/exports/run?date=&amp;format=</c> exports a day now (or, without a
/// date, every due day not yet exported), <c>GET /api/v1/exports?from=&amp;to=&amp;limit=</c> lists what was exported.
/// </summary>
public static class ExportApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int DefaultDays = 30;

    public static RouteGroupBuilder MapExportApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/exports").WithTags("Exports");
        group.MapGet("/", ListAsync).WithName("GetExports");
        group.MapPost("/run", RunAsync).WithName("RunExport");
        return group;
    }

    /// <summary>
    /// With <c>date</c> (<c>yyyy-MM-dd</c>, a UTC day before today) both kinds of that day are exported again in
    /// <c>format</c> (default <c>Export:Format</c>), replacing earlier files: the way to re-export a day that took late
    /// readings. Without it, every due day not yet exported. 409 when <c>Export:Directory</c> is not set, or when
    /// another session is exporting the day.
    /// </summary>
    public static async Task<Results<Ok<ExportRunResponse>, ProblemHttpResult>> RunAsync(
        DailyExporter exporter, TimeProvider clock, CancellationToken cancellationToken, string? date = null, string? format = null)
    {
        ExportFormat? exportFormat = null;
        if (!string.IsNullOrEmpty(format))
        {
            if (!ExportFormats.TryParse(format, out exportFormat))
            {
                return Problems.BadRequest($"format must be {ExportFormats.Parquet} or {ExportFormats.Jsonl} (is '{format}')");
            }

            if (date is null)
            {
                return Problems.BadRequest("format is given with a date; without one the configured Export:Format is used");
            }
        }

        try
        {
            if (date is null)
            {
                return TypedResults.Ok(new ExportRunResponse(await exporter.CatchUpAsync(cancellationToken)));
            }

            if (!TryParseDay("date", date, out var day, out var problem))
            {
                return Problems.BadRequest(problem);
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (day >= today)
            {
                return Problems.BadRequest($"date must be a complete UTC day, before {today:yyyy-MM-dd} (is {day:yyyy-MM-dd})");
            }

            var result = await exporter.ExportDayAsync(day, exportFormat ?? exporter.ConfiguredFormat, replace: true, cancellationToken);
            return result.Busy
                ? Problems.Conflict($"{day:yyyy-MM-dd} is being exported (or swept by retention) by another session; try again later")
                : TypedResults.Ok(new ExportRunResponse([result]));
        }
        catch (ExportNotConfiguredException notConfigured)
        {
            return Problems.Conflict(notConfigured.Message);
        }
    }

    /// <summary>The recorded exports of days <c>from</c>..<c>to</c> (both included; default the last 30 days), newest day first.</summary>
    public static async Task<Results<Ok<ExportListResponse>, ProblemHttpResult>> ListAsync(
        ExportLedger ledger, TimeProvider clock, CancellationToken cancellationToken, string? from = null, string? to = null, string? limit = null)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var last = today;
        if (to is not null && !TryParseDay("to", to, out last, out var problem))
        {
            return Problems.BadRequest(problem);
        }

        var first = last.AddDays(-DefaultDays);
        if (from is not null && !TryParseDay("from", from, out first, out problem))
        {
            return Problems.BadRequest(problem);
        }

        if (first > last)
        {
            return Problems.BadRequest($"from must not be after to (from {first:yyyy-MM-dd}, to {last:yyyy-MM-dd})");
        }

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return Problems.BadRequest($"limit must be a whole number from 1 to {MaxLimit} (is '{limit}')");
        }

        return TypedResults.Ok(new ExportListResponse(await ledger.ListAsync(first, last, count, cancellationToken)));
    }

    private static bool TryParseDay(string name, string value, out DateOnly day, [NotNullWhen(false)] out string? problem)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            problem = null;
            return true;
        }

        problem = $"{name} must be a UTC day as yyyy-MM-dd (is '{value}')";
        return false;
    }
}
