using System.Buffers;
using System.Text;
using MeterGrains.Gateway.Decoding;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Tests.Decoding;

public sealed class GenericJsonDecoderTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 22, 10, 5, 0, TimeSpan.Zero);
    private readonly GenericJsonDecoder _decoder = new();

    private DecodeResult Decode(string topic, string payload) =>
        _decoder.Decode(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), ReceivedAt);

    [Fact]
    public void Single_object_with_iso_ts_and_all_energy_fields()
    {
        var result = Decode("meters/m-1/reading",
            """{"ts": "2026-11-22T10:00:00Z", "importPowerW": 512.5, "exportPowerW": 0, "importRegisterWh": 123456.7, "exportRegisterWh": 89.0}""");

        Assert.Empty(result.Rejections);
        var batch = Assert.Single(result.Batches);
        Assert.Equal("m-1", batch.MeterId);
        var reading = Assert.Single(batch.Readings);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), reading.Timestamp);
        Assert.Equal(512.5, reading.ImportPowerW);
        Assert.Equal(0.0, reading.ExportPowerW);
        Assert.Equal(123456.7, reading.ImportRegisterWh);
        Assert.Equal(89.0, reading.ExportRegisterWh);
        Assert.Null(reading.VoltageV);
        Assert.Null(reading.CurrentA);
        Assert.Null(reading.PowerFactor);
        Assert.Null(reading.FrequencyHz);
    }

    [Fact]
    public void Quality_fields_are_read()
    {
        var result = Decode("meters/m1/reading",
            """{"ts": "2026-11-22T10:00:00Z", "voltageV": 230.1, "currentA": 2.5, "powerFactor": 0.95, "frequencyHz": 49.98}""");

        var reading = Assert.Single(Assert.Single(result.Batches).Readings);
        Assert.Equal(230.1, reading.VoltageV);
        Assert.Equal(2.5, reading.CurrentA);
        Assert.Equal(0.95, reading.PowerFactor);
        Assert.Equal(49.98, reading.FrequencyHz);
        Assert.Null(reading.ImportPowerW);
    }

    [Fact]
    public void Iso_ts_with_offset_is_converted_to_utc()
    {
        // 11:30 at +01:00 is 10:30 UTC.
        var result = Decode("meters/m1/reading", """{"ts": "2026-11-22T11:30:00.250+01:00", "importPowerW": 1}""");

        var reading = Assert.Single(Assert.Single(result.Batches).Readings);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 30, 0, 250, TimeSpan.Zero), reading.Timestamp);
        Assert.Equal(TimeSpan.Zero, reading.Timestamp.Offset);
    }

    [Fact]
    public void Array_with_one_bad_element_keeps_the_good_ones_in_order()
    {
        var result = Decode("meters/m1/reading", """
            [
              {"ts": "2026-11-22T10:00:00Z", "importPowerW": 100},
              {"ts": "2026-11-22T10:00:10Z", "importPowerW": "abc"},
              {"ts": "2026-11-22T10:00:20Z", "exportPowerW": 50}
            ]
            """);

        var batch = Assert.Single(result.Batches);
        Assert.Equal(2, batch.Readings.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), batch.Readings[0].Timestamp);
        Assert.Equal(100.0, batch.Readings[0].ImportPowerW);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 20, TimeSpan.Zero), batch.Readings[1].Timestamp);
        Assert.Equal(50.0, batch.Readings[1].ExportPowerW);

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(1, rejection.Index);
        Assert.Equal("m1", rejection.MeterId);
        Assert.Contains("importPowerW", rejection.Reason);
        Assert.Contains("abc", rejection.RawPayload);
    }

    [Fact]
    public void Array_element_that_is_not_an_object_is_rejected_alone()
    {
        var result = Decode("meters/m1/reading", """[42, {"importPowerW": 7}]""");

        Assert.Equal(7.0, Assert.Single(Assert.Single(result.Batches).Readings).ImportPowerW);
        Assert.Equal(0, Assert.Single(result.Rejections).Index);
    }

    [Fact]
    public void Epoch_millisecond_ts()
    {
        // Unix time 1 700 000 000 s is 2023-11-14 22:13:20 UTC.
        var result = Decode("meters/m1/reading", """[{"ts": 1700000000000, "importPowerW": 1}, {"ts": 1.7E12, "importPowerW": 2}, {"ts": 1700000000123, "importPowerW": 3}]""");

        Assert.Empty(result.Rejections);
        var readings = Assert.Single(result.Batches).Readings;
        var expected = new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero);
        Assert.Equal(expected, readings[0].Timestamp);
        Assert.Equal(expected, readings[1].Timestamp);
        Assert.Equal(expected.AddMilliseconds(123), readings[2].Timestamp);
    }

    [Fact]
    public void Missing_or_null_ts_takes_the_receive_time()
    {
        var result = Decode("meters/m1/reading", """[{"importPowerW": 1}, {"ts": null, "importPowerW": 2}]""");

        var readings = Assert.Single(result.Batches).Readings;
        Assert.All(readings, r => Assert.Equal(ReceivedAt, r.Timestamp));
    }

    [Theory]
    [InlineData("""{"importPowerW": "512.5"}""", "importPowerW")]
    [InlineData("""{"exportRegisterWh": "NaN"}""", "exportRegisterWh")]
    [InlineData("""{"voltageV": "Infinity"}""", "voltageV")]
    [InlineData("""{"currentA": true}""", "currentA")]
    [InlineData("""{"frequencyHz": {"value": 50}}""", "frequencyHz")]
    [InlineData("""{"powerFactor": 1e400}""", "powerFactor")]
    public void Value_that_is_not_a_finite_number_is_rejected(string payload, string field)
    {
        var result = Decode("meters/m1/reading", payload);

        Assert.Empty(result.Batches);
        var rejection = Assert.Single(result.Rejections);
        Assert.Contains(field, rejection.Reason);
        Assert.Contains("finite", rejection.Reason);
    }

    [Fact]
    public void A_bad_value_rejects_the_whole_reading_not_just_the_field()
    {
        // A reading is kept or refused as a unit: the grain must not receive half of what the device measured.
        var result = Decode("meters/m1/reading", """{"importPowerW": 100, "exportPowerW": "NaN"}""");

        Assert.Empty(result.Batches);
        Assert.Single(result.Rejections);
    }

    [Theory]
    [InlineData("""{"ts": "2026-11-22T10:00:00Z"}""")]
    [InlineData("""{"ts": "2026-11-22T10:00:00Z", "importPowerW": null, "comment": "no values"}""")]
    [InlineData("""{}""")]
    public void Reading_without_a_value_is_rejected(string payload)
    {
        var result = Decode("meters/m1/reading", payload);

        Assert.Empty(result.Batches);
        Assert.Contains("at least one value", Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Unknown_properties_are_ignored()
    {
        var result = Decode("meters/m1/reading", """{"importPowerW": 3, "firmware": "1.2", "extra": {"a": [1, 2]}}""");

        Assert.Equal(3.0, Assert.Single(Assert.Single(result.Batches).Readings).ImportPowerW);
        Assert.Empty(result.Rejections);
    }

    [Theory]
    [InlineData("2026-11-22T10:00:00")] // no offset: device-local or UTC? ambiguous
    [InlineData("2026-11-22")]
    [InlineData("yesterday")]
    [InlineData("22/11/2026 10:00")]
    public void Ts_that_is_not_an_instant_with_offset_is_rejected(string ts)
    {
        var result = Decode("meters/m1/reading", $$"""{"ts": "{{ts}}", "importPowerW": 1}""");

        Assert.Empty(result.Batches);
        Assert.Contains("ts", Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Ts_of_another_json_kind_is_rejected()
    {
        var result = Decode("meters/m1/reading", """{"ts": true, "importPowerW": 1}""");

        Assert.Empty(result.Batches);
        Assert.StartsWith("ts must be", Assert.Single(result.Rejections).Reason);
    }

    [Theory]
    [InlineData("meters/bad id!/reading")]
    [InlineData("meters/métier/reading")]
    [InlineData("meters//reading")]
    [InlineData("meters/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/reading")] // 65 characters
    public void Invalid_meter_id_rejects_the_message(string topic)
    {
        var result = Decode(topic, """{"importPowerW": 1}""");

        Assert.Empty(result.Batches);
        var rejection = Assert.Single(result.Rejections);
        Assert.Null(rejection.MeterId);
        Assert.Contains("meterId", rejection.Reason);
    }

    [Theory]
    [InlineData("shelly-em-ABC123:0")]
    [InlineData("a")]
    [InlineData("Meter_1.2-x")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 64 characters
    public void Valid_meter_ids_are_accepted(string meterId)
    {
        var result = Decode($"meters/{meterId}/reading", """{"importPowerW": 1}""");

        Assert.Empty(result.Rejections);
        Assert.Equal(meterId, Assert.Single(result.Batches).MeterId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"importPowerW": 1""")]
    [InlineData("")]
    [InlineData("""{"importPowerW": NaN}""")]
    public void Payload_that_is_not_json_is_rejected(string payload)
    {
        var result = Decode("meters/m1/reading", payload);

        Assert.Empty(result.Batches);
        var rejection = Assert.Single(result.Rejections);
        Assert.Contains("not valid JSON", rejection.Reason);
        Assert.Equal("m1", rejection.MeterId);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"reading\"")]
    [InlineData("null")]
    [InlineData("[]")]
    public void Json_that_is_not_an_object_or_a_non_empty_array_is_rejected(string payload)
    {
        var result = Decode("meters/m1/reading", payload);

        Assert.Empty(result.Batches);
        Assert.Single(result.Rejections);
    }

    [Fact]
    public void Payload_over_the_size_limit_is_rejected_by_the_registry_before_decoding()
    {
        var registry = new DecoderRegistry([_decoder], Options.Create(new MqttOptions { MaxPayloadBytes = 64 }));
        // Valid JSON padded with spaces: 64 bytes is at the limit and accepted, 65 bytes is over it.
        var atLimit = """{"importPowerW": 1}""".PadRight(64);
        var overLimit = atLimit + " ";
        Assert.Equal(64, Encoding.UTF8.GetByteCount(atLimit));

        Assert.True(registry.TryGetDecoder("meters/m1/reading", out var decoder));
        var accepted = registry.Decode(decoder, "meters/m1/reading", new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(atLimit)), ReceivedAt);
        var rejected = registry.Decode(decoder, "meters/m1/reading", new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(overLimit)), ReceivedAt);

        Assert.Single(accepted.Batches);
        Assert.Empty(rejected.Batches);
        var rejection = Assert.Single(rejected.Rejections);
        Assert.Contains("65 bytes", rejection.Reason);
        Assert.Contains("Mqtt:MaxPayloadBytes", rejection.Reason);
    }

    [Fact]
    public void Payload_split_over_several_segments_is_decoded()
    {
        // MQTTnet may hand over a multi-segment sequence; the decoder must not assume one contiguous buffer.
        var bytes = Encoding.UTF8.GetBytes("""{"ts": "2026-11-22T10:00:00Z", "importPowerW": 512.5}""");
        var sequence = SegmentedSequence.Create(bytes, segmentLength: 7);
        Assert.False(sequence.IsSingleSegment);

        var result = _decoder.Decode("meters/m1/reading", sequence, ReceivedAt);

        Assert.Equal(512.5, Assert.Single(Assert.Single(result.Batches).Readings).ImportPowerW);
    }

    [Theory]
    [InlineData("meters/m1/reading", true)]
    [InlineData("meters/m1/commands", false)]
    [InlineData("meters/m1/reading/extra", false)]
    [InlineData("shellies/dev/emeter/0/power", false)]
    public void Registry_routes_by_topic(string topic, bool handled)
    {
        var registry = new DecoderRegistry([_decoder], Options.Create(new MqttOptions()));

        Assert.Equal(handled, registry.TryGetDecoder(topic, out var decoder));
        if (handled)
        {
            Assert.Same(_decoder, decoder);
        }
    }

    private sealed class SegmentedSequence : ReadOnlySequenceSegment<byte>
    {
        private SegmentedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Create(byte[] bytes, int segmentLength)
        {
            var first = new SegmentedSequence(bytes.AsMemory(0, Math.Min(segmentLength, bytes.Length)), 0);
            var last = first;
            for (var offset = segmentLength; offset < bytes.Length; offset += segmentLength)
            {
                var next = new SegmentedSequence(bytes.AsMemory(offset, Math.Min(segmentLength, bytes.Length - offset)), offset);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
