using System.Reflection;
using System.Text.Json;
using MeterGrains.Api.Energy;
using MeterGrains.Energy;
using MeterGrains.Meters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace MeterGrains.Api.Meters;

/// <summary>
/// The 200 answer of <c>GET /api/v1/meters/{meterId}/energy</c>: the JSON of <see cref="MeterEnergyResponse"/>, the
/// same properties in the same order, written straight from the grain's packed series with a
/// <see cref="Utf8JsonWriter"/>. A year of quarter-hours (35,040 buckets, about 5 MiB) costs no record per bucket and no
/// reflection-driven serializer, and goes out to the client in blocks while it is written.
/// </summary>
public sealed class MeterEnergyJsonResult(string meterId, EnergyQuery query, MeterEnergySeries series)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    /// <summary>Bytes the writer holds before they are handed to the response (and to the client).</summary>
    private const int FlushThreshold = 32 * 1024;

    private static readonly JsonEncodedText MeterIdName = JsonEncodedText.Encode("meterId");
    private static readonly JsonEncodedText IntervalName = JsonEncodedText.Encode("interval");
    private static readonly JsonEncodedText TimeZoneName = JsonEncodedText.Encode("timeZone");
    private static readonly JsonEncodedText FromName = JsonEncodedText.Encode("from");
    private static readonly JsonEncodedText ToName = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText BucketsName = JsonEncodedText.Encode("buckets");
    private static readonly JsonEncodedText StartName = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText EndName = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText ImportWhName = JsonEncodedText.Encode("importWh");
    private static readonly JsonEncodedText ExportWhName = JsonEncodedText.Encode("exportWh");
    private static readonly JsonEncodedText RegisterImportWhName = JsonEncodedText.Encode("registerImportWh");
    private static readonly JsonEncodedText RegisterExportWhName = JsonEncodedText.Encode("registerExportWh");
    private static readonly JsonEncodedText CompleteName = JsonEncodedText.Encode("complete");

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        var body = response.BodyWriter;
        var cancellationToken = httpContext.RequestAborted;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
        WriteHead(writer);
        for (var next = 0; next < series.Count;)
        {
            next = WriteBuckets(writer, next);
            writer.Flush();
            await body.FlushAsync(cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Documents the answer as <see cref="MeterEnergyResponse"/>, the shape written here.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(MeterEnergyResponse), ["application/json"]));

    private void WriteHead(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(MeterIdName, meterId);
        writer.WriteString(IntervalName, EnergyIntervalNames.ToName(query.Interval));
        writer.WriteString(TimeZoneName, query.TimeZone);
        WriteInstant(writer, FromName, query.From);
        WriteInstant(writer, ToName, query.To);
        writer.WriteStartArray(BucketsName);
    }

    /// <summary>Writes buckets from <paramref name="first"/> until the writer holds a block; returns the next one.</summary>
    private int WriteBuckets(Utf8JsonWriter writer, int first)
    {
        var buckets = series.Buckets;
        var next = first;
        for (; next < buckets.Length && writer.BytesPending < FlushThreshold; next++)
        {
            ref readonly var bucket = ref buckets[next];
            writer.WriteStartObject();
            WriteInstant(writer, StartName, bucket.Start);
            WriteInstant(writer, EndName, bucket.End);
            writer.WriteNumber(ImportWhName, bucket.ImportWh);
            writer.WriteNumber(ExportWhName, bucket.ExportWh);
            WriteNullableNumber(writer, RegisterImportWhName, bucket.RegisterImportWh);
            WriteNullableNumber(writer, RegisterExportWhName, bucket.RegisterExportWh);
            writer.WriteBoolean(CompleteName, bucket.Complete);
            writer.WriteEndObject();
        }

        return next;
    }

    private static void WriteInstant(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset instant)
    {
        Span<byte> text = stackalloc byte[28];
        writer.WriteString(name, text[..Instants.FormatUtf8(instant, text)]);
    }

    private static void WriteNullableNumber(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
