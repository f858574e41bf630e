using System.Text;
using System.Text.Json;
using MeterGrains.Api.Meters;
using MeterGrains.Energy;
using MeterGrains.Meters;
using Microsoft.AspNetCore.Http;

namespace MeterGrains.Api.Tests.Meters;

public sealed class MeterEnergyJsonResultTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly EnergyQuery HalfHour = new(Ten, Ten.AddMinutes(30), EnergyInterval.QuarterHour, "UTC");

    /// <summary>
    /// 10:00–10:15: 1200 W for the quarter-hour = 300 Wh, the import register up 300 Wh, 12.5 Wh exported, complete.
    /// 10:15–10:30: no data: 0 Wh, registers unknown, incomplete.
    /// </summary>
    private static MeterEnergySeries HandCalculated()
    {
        var builder = new MeterEnergySeries.Builder(2);
        builder.Add(new PackedEnergyBucket(Ten, Ten.AddMinutes(15), 1200 * 0.25, 12.5, 300, null, true));
        builder.Add(new PackedEnergyBucket(Ten.AddMinutes(15), Ten.AddMinutes(30), 0, 0, null, null, false));
        return builder.Build();
    }

    private static async Task<(HttpResponse Response, string Body)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        await context.Response.BodyWriter.FlushAsync();
        return (context.Response, Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task Writes_the_documented_shape()
    {
        var (response, body) = await ExecuteAsync(new MeterEnergyJsonResult("m1", HalfHour, HandCalculated()));

        // interfaces.md: start, end, importWh, exportWh, registerImportWh, registerExportWh (null where unknown), complete;
        // instants in UTC with a Z, no trailing zero fractions.
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal(
            """{"meterId":"m1","interval":"15m","timeZone":"UTC","from":"2026-11-22T10:00:00Z","to":"2026-11-22T10:30:00Z","buckets":["""
            + """{"start":"2026-11-22T10:00:00Z","end":"2026-11-22T10:15:00Z","importWh":300,"exportWh":12.5,"registerImportWh":300,"registerExportWh":null,"complete":true},"""
            + """{"start":"2026-11-22T10:15:00Z","end":"2026-11-22T10:30:00Z","importWh":0,"exportWh":0,"registerImportWh":null,"registerExportWh":null,"complete":false}]}""",
            body);
    }

    [Fact]
    public async Task Writes_what_serializing_the_response_records_wrote()
    {
        // The endpoint's former answer: the records serialized with the API's JSON options (web defaults, instants with Z).
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new UtcInstantJsonConverter() } };
        var series = HandCalculated();

        var (_, body) = await ExecuteAsync(new MeterEnergyJsonResult("m1", HalfHour, series));

        Assert.Equal(JsonSerializer.Serialize(MeterEnergyResponse.Create("m1", HalfHour, series), options), body);
    }

    [Fact]
    public async Task Numbers_are_written_as_the_serializer_writes_them()
    {
        // Shortest round trip, exponents, negative zero, the extremes: the raw bucket text must agree with the writer's.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new UtcInstantJsonConverter() } };
        double[] values = [0.1 + 0.2, 1e-7, 1e20, -0.0, 123456789.123, double.MaxValue, double.MinValue, double.Epsilon, 1e15, 99999999999999];
        var builder = new MeterEnergySeries.Builder(values.Length);
        foreach (var value in values)
        {
            builder.Add(new PackedEnergyBucket(Ten, Ten.AddMinutes(15), value, -value, value, -value, value > 1));
        }

        var series = builder.Build();
        var query = new EnergyQuery(Ten, Ten.AddMinutes(15), EnergyInterval.QuarterHour, "Etc/GMT+1");
        var (_, body) = await ExecuteAsync(new MeterEnergyJsonResult("m.1:A", query, series));

        Assert.Equal(JsonSerializer.Serialize(MeterEnergyResponse.Create("m.1:A", query, series), options), body);
    }

    [Fact]
    public async Task A_year_of_quarter_hours_is_written_whole_across_flushes()
    {
        // 2025: 365 × 96 = 35,040 quarter-hours of 25 Wh: 876,000 Wh in all.
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = new MeterEnergySeries.Builder(35_040);
        for (var i = 0; i < 35_040; i++)
        {
            builder.Add(new PackedEnergyBucket(from.AddMinutes(15 * i), from.AddMinutes(15 * (i + 1)), 25, 0, 25, 0, true));
        }

        var (_, body) = await ExecuteAsync(new MeterEnergyJsonResult("m1", new(from, from.AddYears(1), EnergyInterval.QuarterHour, "UTC"), builder.Build()));

        using var json = JsonDocument.Parse(body);
        var buckets = json.RootElement.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(35_040, buckets.Count);
        Assert.Equal(876_000, buckets.Sum(b => b.GetProperty("importWh").GetDouble()));
        Assert.Equal("2025-12-31T23:45:00Z", buckets[^1].GetProperty("start").GetString());
    }
}
