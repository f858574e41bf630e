using System.Buffers;
using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding;

/// <summary>
/// Decodes the generic JSON reading of interfaces.md, published to <c>meters/{meterId}/reading</c>, with
/// <see cref="GenericJsonReadings"/>: the meter id comes from the topic, a whole-payload refusal or a refused single
/// object rejects the message, and each refused element of an array is rejected alone.
/// </summary>
public sealed class GenericJsonDecoder : IPayloadDecoder
{
    /// <summary>The topic filter this decoder handles.</summary>
    public const string Filter = "meters/+/reading";

    private const string TopicPrefix = "meters/";
    private const string TopicSuffix = "/reading";

    /// <inheritdoc />
    public string Name => "generic-json";

    /// <inheritdoc />
    public IReadOnlyList<string> TopicFilters { get; } = [Filter];

    /// <inheritdoc />
    public DecodeResult Decode(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        var meterId = MeterIdOf(topic);
        if (!MeterIds.IsValid(meterId))
        {
            return DecodeResult.Rejected(new DecodeRejection(
                $"meterId '{PayloadExcerpt.Of(meterId.ToString())}' in topic '{PayloadExcerpt.Of(topic)}' is not {MeterIds.RuleDescription}."));
        }

        var id = meterId.ToString();
        var parsed = GenericJsonReadings.Parse(payload, receivedAt);
        if (parsed.Problem is { } problem)
        {
            return DecodeResult.Rejected(new DecodeRejection(problem, id, parsed.RawText));
        }

        if (!parsed.IsArray)
        {
            var single = parsed.Elements[0];
            return single.Reading is { } reading
                ? new DecodeResult([new MeterBatch(id, [reading])], [])
                : DecodeResult.Rejected(new DecodeRejection(single.Reason!, id, single.RawText));
        }

        var readings = new List<MeterReading>(parsed.Elements.Count);
        List<DecodeRejection>? rejections = null;
        foreach (var element in parsed.Elements)
        {
            if (element.Reading is { } reading)
            {
                readings.Add(reading);
            }
            else
            {
                (rejections ??= []).Add(new DecodeRejection($"element {element.Index}: {element.Reason}", id, element.RawText, element.Index));
            }
        }

        return new DecodeResult(readings.Count > 0 ? [new MeterBatch(id, readings)] : [], rejections ?? []);
    }

    private static ReadOnlySpan<char> MeterIdOf(string topic) =>
        topic.StartsWith(TopicPrefix, StringComparison.Ordinal)
        && topic.EndsWith(TopicSuffix, StringComparison.Ordinal)
        && topic.Length >= TopicPrefix.Length + TopicSuffix.Length
            ? topic.AsSpan(TopicPrefix.Length, topic.Length - TopicPrefix.Length - TopicSuffix.Length)
            : [];
}
