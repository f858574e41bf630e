using System.Buffers;
using System.Text;
using System.Text.Json;
using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding;

/// <summary>
/// Parses the generic JSON reading payload of interfaces.md: one object or an array of objects with an optional
/// <c>ts</c> (ISO-8601 string with offset, or Unix epoch milliseconds) and any subset of the value fields of domain.md.
/// The one parser of that payload, whether it comes over MQTT (<see cref="GenericJsonDecoder"/>) or HTTP.
/// </summary>
/// <remarks>
/// Only the form of the payload is checked here (JSON, finite numbers, at least one value).
/// The domain rules that need the meter's context (sign, plausibility bounds, time window, duplicates) are the
/// meter grain's. Unknown properties are ignored so that devices may send more than we read; a JSON <c>null</c>
/// counts as absent. Never throws for bad input; the size limit is the caller's.
/// </remarks>
public static class GenericJsonReadings
{
    // Index into these arrays is the field's slot in the decoded values; keep them in MeterReading's order.
    private static readonly string[] FieldNames =
        ["importPowerW", "exportPowerW", "importRegisterWh", "exportRegisterWh", "voltageV", "currentA", "powerFactor", "frequencyHz"];

    private static readonly byte[][] Utf8FieldNames = [.. FieldNames.Select(Encoding.UTF8.GetBytes)];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    // DateTimeOffset's range in Unix milliseconds.
    private static readonly long MinEpochMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxEpochMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Parses one payload; readings without <c>ts</c> take <paramref name="receivedAt"/>.</summary>
    public static GenericJsonPayload Parse(ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return GenericJsonPayload.Refused($"payload is not valid JSON: {ex.Message}", PayloadExcerpt.Of(payload));
        }

        using (document)
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    return new GenericJsonPayload(null, null, IsArray: false, [ReadElement(root, 0, receivedAt)]);

                case JsonValueKind.Array:
                    var elements = new List<GenericJsonElement>(root.GetArrayLength());
                    foreach (var element in root.EnumerateArray())
                    {
                        elements.Add(ReadElement(element, elements.Count, receivedAt));
                    }

                    return elements.Count == 0
                        ? GenericJsonPayload.Refused("payload is an empty array: it carries no reading.", "[]")
                        : new GenericJsonPayload(null, null, IsArray: true, elements);

                default:
                    return GenericJsonPayload.Refused(
                        $"payload must be a JSON object or an array of objects, not {Describe(root.ValueKind)}.", PayloadExcerpt.Of(root.GetRawText()));
            }
        }
    }

    private static GenericJsonElement ReadElement(JsonElement element, int index, DateTimeOffset receivedAt) =>
        TryReadReading(element, receivedAt, out var reading, out var reason)
            ? new GenericJsonElement(index, reading, null, null)
            : new GenericJsonElement(index, null, reason, PayloadExcerpt.Of(element.GetRawText()));

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
                reason = $"{field} is not a finite number ({PayloadExcerpt.Of(value.GetRawText())}).";
                return false;

            case JsonValueKind.String:
                reason = $"{field} must be a finite JSON number, not the string \"{PayloadExcerpt.Of(value.GetString() ?? string.Empty)}\".";
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
                if (value.TryGetDateTimeOffset(out var parsed) && IsoInstants.HasExplicitOffset(value.GetString()!))
                {
                    timestamp = parsed.ToUniversalTime();
                    return true;
                }

                reason = $"ts \"{PayloadExcerpt.Of(value.GetString()!)}\" is not an ISO-8601 instant with an offset (e.g. 2026-11-22T10:00:00Z).";
                return false;

            case JsonValueKind.Number:
                long milliseconds;
                if (!value.TryGetInt64(out milliseconds))
                {
                    // 1.7638056E12 or a fractional millisecond: accept, rounded to the millisecond.
                    if (!value.TryGetDouble(out var d) || !double.IsFinite(d) || d < MinEpochMs || d > MaxEpochMs)
                    {
                        reason = $"ts {PayloadExcerpt.Of(value.GetRawText())} is not a Unix epoch time in milliseconds within range.";
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
}
