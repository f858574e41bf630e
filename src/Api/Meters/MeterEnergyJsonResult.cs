using System.Globalization;
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

    /// <summary>
    /// Room for the longest bucket object: 102 bytes of names and punctuation, two instants, four numbers of at most 24
    /// (<c>-1.7976931348623157E+308</c>).
    /// </summary>
    private const int MaxBucketBytes = 102 + (2 * Instants.MaxUtf8Bytes) + (4 * 24);

    private static readonly JsonEncodedText MeterIdName = JsonEncodedText.Encode("meterId");
    private static readonly JsonEncodedText IntervalName = JsonEncodedText.Encode("interval");
    private static readonly JsonEncodedText TimeZoneName = JsonEncodedText.Encode("timeZone");
    private static readonly JsonEncodedText FromName = JsonEncodedText.Encode("from");
    private static readonly JsonEncodedText ToName = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText BucketsName = JsonEncodedText.Encode("buckets");

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
        Span<byte> json = stackalloc byte[MaxBucketBytes];
        var next = first;
        for (; next < buckets.Length && writer.BytesPending < FlushThreshold; next++)
        {
            writer.WriteRawValue(json[..FormatBucket(buckets[next], json)], skipInputValidation: true);
        }

        return next;
    }

    /// <summary>
    /// One bucket's object into <paramref name="json"/>, the bytes written: what the writer's property calls would write
    /// (the same names, order, instants and number format), as one raw value instead of seven property writes.
    /// </summary>
    private static int FormatBucket(in PackedEnergyBucket bucket, Span<byte> json)
    {
        var length = Append(json, 0, "{\"start\":\""u8);
        length += Instants.FormatUtf8(bucket.Start, json[length..]);
        length = Append(json, length, "\",\"end\":\""u8);
        length += Instants.FormatUtf8(bucket.End, json[length..]);
        length = Append(json, length, "\",\"importWh\":"u8);
        length = AppendNumber(json, length, bucket.ImportWh);
        length = Append(json, length, ",\"exportWh\":"u8);
        length = AppendNumber(json, length, bucket.ExportWh);
        length = Append(json, length, ",\"registerImportWh\":"u8);
        length = AppendNumber(json, length, bucket.RegisterImportWh);
        length = Append(json, length, ",\"registerExportWh\":"u8);
        length = AppendNumber(json, length, bucket.RegisterExportWh);
        return Append(json, length, bucket.Complete ? ",\"complete\":true}"u8 : ",\"complete\":false}"u8);
    }

    private static void WriteInstant(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset instant)
    {
        Span<byte> text = stackalloc byte[Instants.MaxUtf8Bytes];
        writer.WriteString(name, text[..Instants.FormatUtf8(instant, text)]);
    }

    private static int Append(Span<byte> json, int length, ReadOnlySpan<byte> text)
    {
        text.CopyTo(json[length..]);
        return length + text.Length;
    }

    /// <summary>A number as <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> writes it (shortest round trip), or null.</summary>
    private static int AppendNumber(Span<byte> json, int length, double? value)
    {
        if (value is not { } number)
        {
            return Append(json, length, "null"u8);
        }

        if (!double.IsFinite(number) || !number.TryFormat(json[length..], out var written, provider: CultureInfo.InvariantCulture))
        {
            throw new ArgumentException($"{number} is not a JSON number.", nameof(value));
        }

        return length + written;
    }
}
