using System.Buffers;
using System.Text;
using System.Text.Json;
using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding;

/// <summary>
/// Decodes the generic JSON reading of interfaces.md, published to <c>meters/{meterId}/reading</c>:
/// one object or an array of objects with an optional <c>ts</c> (ISO-8601 string with offset, or Unix epoch
/// milliseconds) and any subset of the value fields of domain.md.
/// </summary>
/// <remarks>
/// Only the form of the payload is checked here (meter id, JSON, finite numbers, at least one value).
/// The domain rules that need the meter's context (sign, plausibility bounds, time window, duplicates) are the
/// meter grain's. Unknown properties are ignored so that devices may send more than we read; a JSON <c>null</c>
/// counts as absent.
/// </remarks>
public sealed class GenericJsonDecoder : IPayloadDecoder
{
    /// <summary>The topic filter this decoder handles.</summary>
    public const string Filter = "meters/+/reading";

    private const string TopicPrefix = "meters/";
    private const string TopicSuffix = "/reading";

    // Index into these arrays is the field's slot in the decoded values; keep them in MeterReading's order.
    private static readonly string[] FieldNames =
        ["importPowerW", "exportPowerW", "importRegisterWh", "exportRegisterWh", "voltageV", "currentA", "powerFactor", "frequencyHz"];

    private static readonly byte[][] Utf8FieldNames = [.. FieldNames.Select(Encoding.UTF8.GetBytes)];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    // DateTimeOffset's range in Unix milliseconds.
    private static readonly long MinEpochMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxEpochMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

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
                $"meterId '{Truncate(meterId.ToString())}' in topic '{Truncate(topic)}' is not {MeterIds.RuleDescription}."));
        }

        var id = meterId.ToString();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return DecodeResult.Rejected(new DecodeRejection($"payload is not valid JSON: {ex.Message}", id, Text(payload)));
        }

        using (document)
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    return TryReadReading(root, receivedAt, out var reading, out var reason)
                        ? new DecodeResult([new MeterBatch(id, [reading])], [])
                        : DecodeResult.Rejected(new DecodeRejection(reason, id, Truncate(root.GetRawText())));

                case JsonValueKind.Array:
                    return ReadArray(root, id, receivedAt);

                default:
                    return DecodeResult.Rejected(new DecodeRejection(
                        $"payload must be a JSON object or an array of objects, not {Describe(root.ValueKind)}.", id, Truncate(root.GetRawText())));
            }
        }
    }

    private static DecodeResult ReadArray(JsonElement array, string meterId, DateTimeOffset receivedAt)
    {
        var readings = new List<MeterReading>(array.GetArrayLength());
        List<DecodeRejection>? rejections = null;
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (TryReadReading(element, receivedAt, out var reading, out var reason))
            {
                readings.Add(reading);
            }
            else
            {
                (rejections ??= []).Add(new DecodeRejection($"element {index}: {reason}", meterId, Truncate(element.GetRawText()), index));
            }

            index++;
        }

        if (index == 0)
        {
            return DecodeResult.Rejected(new DecodeRejection("payload is an empty array: it carries no reading.", meterId, "[]"));
        }

        return new DecodeResult(readings.Count > 0 ? [new MeterBatch(meterId, readings)] : [], rejections ?? []);
    }

    private static bool TryReadReading(
        JsonElement element,
        DateTimeOffset receivedAt,
        [NotNullWhen(true)] out MeterReading? reading,
        [NotNullWhen(false)] out string? reason)
    {
        reading = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            reason = $"a reading must be a JSON object, not {Describe(element.ValueKind)}.";
            return false;
        }

        DateTimeOffset? timestamp = null;
        Span<double?> values = stackalloc double?[FieldNames.Length];
        var valueCount = 0;

        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("ts"u8))
            {
                if (!TryReadTimestamp(property.Value, out timestamp, out reason))
                {
                    return false;
                }

                continue;
            }

            var slot = SlotOf(property);
            if (slot < 0 || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!TryReadValue(FieldNames[slot], property.Value, out var value, out reason))
            {
                return false;
            }

            values[slot] = value;
            valueCount++;
        }

        if (valueCount == 0)
        {
            reason = $"a reading must carry at least one value ({string.Join(", ", FieldNames)}).";
            return false;
        }

        reading = new MeterReading(
            timestamp ?? receivedAt.ToUniversalTime(),
            ImportPowerW: values[0],
            ExportPowerW: values[1],
            ImportRegisterWh: values[2],
            ExportRegisterWh: values[3],
            VoltageV: values[4],
            CurrentA: values[5],
            PowerFactor: values[6],
            FrequencyHz: values[7]);
        reason = null;
        return true;
    }

    private static int SlotOf(JsonProperty property)
    {
        for (var i = 0; i < Utf8FieldNames.Length; i++)
        {
            if (property.NameEquals(Utf8FieldNames[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryReadValue(string field, JsonElement value, out double result, [NotNullWhen(false)] out string? reason)
    {
        result = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out result) && double.IsFinite(result):
                reason = null;
                return true;

            case JsonValueKind.Number:
                reason = $"{field} is not a finite number ({Truncate(value.GetRawText())}).";
                return false;

            case JsonValueKind.String:
                reason = $"{field} must be a finite JSON number, not the string \"{Truncate(value.GetString() ?? string.Empty)}\".";
                return false;

            default:
                reason = $"{field} must be a finite JSON number, not {Describe(value.ValueKind)}.";
                return false;
        }
    }

    private static bool TryReadTimestamp(JsonElement value, out DateTimeOffset? timestamp, [NotNullWhen(false)] out string? reason)
    {
        timestamp = null;
        reason = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;

            case JsonValueKind.String:
                // An instant without an offset is ambiguous (device-local? UTC?): refuse it rather than guess.
                if (value.TryGetDateTimeOffset(out var parsed) && HasExplicitOffset(value.GetString()!))
                {
                    timestamp = parsed.ToUniversalTime();
                    return true;
                }

                reason = $"ts \"{Truncate(value.GetString()!)}\" is not an ISO-8601 instant with an offset (e.g. 2026-11-22T10:00:00Z).";
                return false;

            case JsonValueKind.Number:
                long milliseconds;
                if (!value.TryGetInt64(out milliseconds))
                {
                    // 1.7638056E12 or a fractional millisecond: accept, rounded to the millisecond.
                    if (!value.TryGetDouble(out var d) || !double.IsFinite(d) || d < MinEpochMs || d > MaxEpochMs)
                    {
                        reason = $"ts {Truncate(value.GetRawText())} is not a Unix epoch time in milliseconds within range.";
                        return false;
                    }

                    milliseconds = (long)Math.Round(d);
                }

                if (milliseconds < MinEpochMs || milliseconds > MaxEpochMs)
                {
                    reason = $"ts {milliseconds} is not a Unix epoch time in milliseconds within range.";
                    return false;
                }

                timestamp = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
                return true;

            default:
                reason = $"ts must be an ISO-8601 string or Unix epoch milliseconds, not {Describe(value.ValueKind)}.";
                return false;
        }
    }

    private static bool HasExplicitOffset(string text)
    {
        var timeStart = text.IndexOfAny(['T', 't']);
        if (timeStart < 0)
        {
            return false;
        }

        var time = text.AsSpan(timeStart + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
    }

    private static ReadOnlySpan<char> MeterIdOf(string topic) =>
        topic.StartsWith(TopicPrefix, StringComparison.Ordinal)
        && topic.EndsWith(TopicSuffix, StringComparison.Ordinal)
        && topic.Length >= TopicPrefix.Length + TopicSuffix.Length
            ? topic.AsSpan(TopicPrefix.Length, topic.Length - TopicPrefix.Length - TopicSuffix.Length)
            : [];

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    private static string Text(ReadOnlySequence<byte> payload) => PayloadExcerpt.Of(payload);

    private static string Truncate(string text) => PayloadExcerpt.Of(text);
}
