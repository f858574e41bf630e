using System.Buffers;
using System.Text.Json;
using MeterGrains.Meters;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>
/// Decodes Shelly Gen2+ energy meters (Pro EM, Pro 3EM, EM Gen3, 3EM Gen3): JSON-RPC notifications on
/// <c>{prefix}/events/rpc</c> and whole component statuses on <c>{prefix}/status/{component}</c>.
/// </summary>
/// <remarks>
/// <para>
/// <c>NotifyFullStatus</c> and <c>status/…</c> replace what is known of each component; <c>NotifyStatus</c> carries only
/// the fields that changed and is overlaid on it (<see cref="Gen2StatusCache"/>). A reading carries the known values of
/// the components the message names, each at the message's time: <c>params.ts</c> (Unix seconds, fractional) for a
/// notification, the receive time for a status topic. A component the message does not name adds nothing, so a register
/// is never restated at a later time than it was measured. Other methods (<c>NotifyEvent</c>) and components are ignored.
/// </para>
/// <para>
/// Meters (shelly.md): <c>em:0</c> with <c>emdata:0</c> feed <c>&lt;deviceId&gt;</c> (power from <c>total_act_power</c>,
/// registers <c>total_act</c> / <c>total_act_ret</c>, no quality values: they are per phase), and with
/// <see cref="ShellyGen2Options.PhaseMeters"/> each phase feeds <c>&lt;deviceId&gt;:0</c>…<c>:2</c> (a–c) from its
/// <c>a_</c>/<c>b_</c>/<c>c_</c> fields, quality values included (a phase a NotifyStatus does not name adds nothing); <c>em1:N</c> with
/// <c>em1data:N</c> feed <c>&lt;deviceId&gt;:&lt;N&gt;</c> with voltage, current, power factor and frequency. The device id
/// is the payload's <c>src</c>, else the topic prefix (the only source on a status topic).
/// </para>
/// <para>
/// <c>{prefix}/online</c> (<c>true</c> / <c>false</c>, the device's retained last will) becomes a presence report for each
/// meter the device may feed: <c>{deviceId}</c> and <c>{deviceId}:0</c>…<c>{deviceId}:2</c>.
/// </para>
/// <para>
/// A field that is not a finite JSON number (a string included), a negative register, or an implausible quality value
/// (a dead phase reporting 198 Hz) is dead-lettered alone and counts as unknown; the other values make the reading.
/// </para>
/// </remarks>
public sealed class ShellyGen2Decoder(IOptions<ShellyGen2Options> options) : IPayloadDecoder
{
    /// <summary>Notifications of a device whose topic prefix is one level (the default: its device id).</summary>
    public const string NotificationFilter = "+/events/rpc";

    /// <summary>Component statuses of such a device.</summary>
    public const string StatusFilter = "+/status/+";

    /// <summary>Such a device's <c>true</c> / <c>false</c> on connect and as its last will.</summary>
    public const string OnlineFilter = "+/online";

    /// <summary>Highest <c>em1:N</c> channel of the Gen2 energy meters (Pro 3EM in its single-phase profile: 0–2).</summary>
    private const int MaxEm1Channel = 2;

    private const string NotifyStatus = "NotifyStatus";
    private const string NotifyFullStatus = "NotifyFullStatus";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };
    private static readonly long MaxEpochMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly Gen2StatusCache _statuses = new(options.Value.MaxTrackedDevices);
    private readonly bool _phaseMeters = options.Value.PhaseMeters;

    /// <inheritdoc />
    public string Name => "shelly-gen2";

    /// <inheritdoc />
    public IReadOnlyList<string> TopicFilters { get; } = [NotificationFilter, StatusFilter, OnlineFilter];

    /// <summary>The last known statuses (for tests).</summary>
    internal Gen2StatusCache Statuses => _statuses;

    /// <inheritdoc />
    public DecodeResult Decode(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt) =>
        topic.Split('/') switch
        {
            [var prefix, "events", "rpc"] => DecodeNotification(prefix, payload, receivedAt),
            [var prefix, "status", var component] => DecodeComponentStatus(prefix, component, payload, receivedAt),
            [var prefix, "online"] => ShellyOnlineTopic.Decode(prefix, MetersOf(prefix), payload, receivedAt),
            _ => DecodeResult.Empty,
        };

    /// <summary>The meters a Gen2 device may feed: <c>em:0</c>'s <c>{deviceId}</c> and the <c>em1:N</c> channels' <c>{deviceId}:N</c>.</summary>
    private static string[] MetersOf(string deviceId) =>
        [deviceId, .. Enumerable.Range(0, MaxEm1Channel + 1).Select(n => $"{deviceId}:{n}")];

    private DecodeResult DecodeNotification(string prefix, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        if (!TryParse(payload, out var document, out var rejection))
        {
            return DecodeResult.Rejected(rejection);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return DecodeResult.Rejected(new DecodeRejection("a JSON-RPC notification must be a JSON object.", RawPayload: PayloadExcerpt.Of(payload)));
            }

            var method = root.TryGetProperty("method"u8, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (method is not (NotifyStatus or NotifyFullStatus))
            {
                return DecodeResult.Empty; // NotifyEvent and the like carry no meter values.
            }

            var deviceId = root.TryGetProperty("src"u8, out var src) && src.ValueKind == JsonValueKind.String && MeterIds.IsValid(src.GetString())
                ? src.GetString()!
                : prefix;
            if (!MeterIds.IsValid(deviceId))
            {
                return DecodeResult.Rejected(new DecodeRejection(
                    $"no device id: 'src' is missing or invalid and the topic prefix '{PayloadExcerpt.Of(prefix)}' is not {MeterIds.RuleDescription}.",
                    RawPayload: PayloadExcerpt.Of(payload)));
            }

            if (!root.TryGetProperty("params"u8, out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                return DecodeResult.Rejected(new DecodeRejection($"{method} has no 'params' object.", deviceId, PayloadExcerpt.Of(payload)));
            }

            if (!TryReadTimestamp(parameters, receivedAt, out var timestamp, out var tsReason))
            {
                return DecodeResult.Rejected(new DecodeRejection(tsReason, deviceId, PayloadExcerpt.Of(payload)));
            }

            var readings = new ReadingDrafts();
            foreach (var property in parameters.EnumerateObject())
            {
                if (Gen2Component.TryParse(property.Name, out var component, out var refusal))
                {
                    ReadComponent(deviceId, component, property.Value, method == NotifyFullStatus, readings);
                }
                else if (refusal is not null)
                {
                    readings.Reject(new DecodeRejection(refusal, deviceId, PayloadExcerpt.Of(property.Value.GetRawText())));
                }
            }

            return readings.ToResult(timestamp);
        }
    }

    private DecodeResult DecodeComponentStatus(string deviceId, string componentName, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        if (!Gen2Component.TryParse(componentName, out var component, out var refusal))
        {
            return refusal is null ? DecodeResult.Empty : DecodeResult.Rejected(new DecodeRejection(refusal, RawPayload: PayloadExcerpt.Of(payload)));
        }

        if (!MeterIds.IsValid(deviceId))
        {
            return DecodeResult.Rejected(new DecodeRejection(
                $"topic prefix '{PayloadExcerpt.Of(deviceId)}' is not a device id of {MeterIds.RuleDescription}.", RawPayload: PayloadExcerpt.Of(payload)));
        }

        if (!TryParse(payload, out var document, out var rejection))
        {
            return DecodeResult.Rejected(rejection with { MeterId = component.MeterIdOf(deviceId) });
        }

        using (document)
        {
            var readings = new ReadingDrafts();
            ReadComponent(deviceId, component, document.RootElement, isFullStatus: true, readings);
            return readings.ToResult(receivedAt.ToUniversalTime());
        }
    }

    private void ReadComponent(string deviceId, Gen2Component component, JsonElement status, bool isFullStatus, ReadingDrafts readings)
    {
        var meterId = component.MeterIdOf(deviceId);
        if (!MeterIds.IsValid(meterId))
        {
            readings.Reject(new DecodeRejection(
                $"device id '{deviceId}' with {component.Name} does not make a meter id of {MeterIds.RuleDescription}.", RawPayload: PayloadExcerpt.Of(status.GetRawText())));
            return;
        }

        if (status.ValueKind != JsonValueKind.Object)
        {
            readings.Reject(new DecodeRejection($"{component.Name} must be a JSON object.", meterId, PayloadExcerpt.Of(status.GetRawText())));
            return;
        }

        var update = new ShellyChannelValues();
        var named = false;
        foreach (var (field, quantity) in component.Fields)
        {
            if (!status.TryGetProperty(field, out var value))
            {
                continue;
            }

            named = true;

            if (value.ValueKind == JsonValueKind.Null)
            {
                update.Set(quantity, null);
                continue;
            }

            var number = 0.0;
            var problem = value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out number) || !double.IsFinite(number)
                ? $"is not a finite JSON number ({PayloadExcerpt.Of(value.GetRawText())})"
                : QualityValueBounds.Check(quantity, number);
            if (problem is null)
            {
                update.Set(quantity, number);
                continue;
            }

            // Unknown from now on: a NotifyStatus that follows must not restate the value this one replaced.
            update.Set(quantity, null);
            readings.Reject(new DecodeRejection(
                $"{component.Name}.{field} {problem}; {ShellyChannelValues.ReadingFieldOf(quantity)} left out of the reading, its other values kept.",
                meterId,
                PayloadExcerpt.Of($"\"{field}\":{value.GetRawText()}")));
        }

        // A phase the message says nothing of adds nothing: its values are not restated at a time they were not measured.
        if (component.Phase >= 0 && !named && !isFullStatus)
        {
            return;
        }

        var known = _statuses.Apply(deviceId, component.Name, update, isFullStatus);
        readings.Add(meterId, component, known);
        if (_phaseMeters)
        {
            foreach (var phase in component.PhasesOf())
            {
                ReadComponent(deviceId, phase, status, isFullStatus, readings);
            }
        }
    }

    private static bool TryParse(ReadOnlySequence<byte> payload, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out DecodeRejection? rejection)
    {
        try
        {
            document = JsonDocument.Parse(payload, DocumentOptions);
            rejection = null;
            return true;
        }
        catch (JsonException ex)
        {
            document = null;
            rejection = new DecodeRejection($"payload is not valid JSON: {ex.Message}", RawPayload: PayloadExcerpt.Of(payload));
            return false;
        }
    }

    private static bool TryReadTimestamp(JsonElement parameters, DateTimeOffset receivedAt, out DateTimeOffset timestamp, [NotNullWhen(false)] out string? reason)
    {
        timestamp = receivedAt.ToUniversalTime();
        reason = null;
        if (!parameters.TryGetProperty("ts"u8, out var ts) || ts.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (ts.ValueKind == JsonValueKind.Number && ts.TryGetDouble(out var seconds) && double.IsFinite(seconds))
        {
            // Unix seconds with a fraction (1732270000.52), kept to the millisecond.
            var milliseconds = Math.Round(seconds * 1000);
            if (milliseconds >= 0 && milliseconds <= MaxEpochMs)
            {
                timestamp = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
                return true;
            }
        }

        reason = $"params.ts {PayloadExcerpt.Of(ts.GetRawText())} is not a Unix time in seconds; the notification cannot be timed.";
        return false;
    }

    /// <summary>The readings of one message under construction: one per meter, components of the same meter merged.</summary>
    private sealed class ReadingDrafts
    {
        private readonly List<(string MeterId, ShellyChannelValues Values, bool IsSingleChannel)> _meters = [];
        private List<DecodeRejection>? _rejections;

        public void Add(string meterId, Gen2Component component, ShellyChannelValues known)
        {
            var index = _meters.FindIndex(m => m.MeterId == meterId);
            if (index < 0)
            {
                _meters.Add((meterId, new ShellyChannelValues(), component.IsSingleChannel));
                index = _meters.Count - 1;
            }

            var values = _meters[index].Values;
            foreach (var (_, quantity) in component.Fields)
            {
                if (known[quantity] is { } value)
                {
                    values.Set(quantity, value);
                }
            }
        }

        public void Reject(DecodeRejection rejection) => (_rejections ??= []).Add(rejection);

        public DecodeResult ToResult(DateTimeOffset timestamp)
        {
            var batches = new List<MeterBatch>(_meters.Count);
            foreach (var (meterId, values, isSingleChannel) in _meters)
            {
                if (values.ToReading(timestamp, withQualityValues: isSingleChannel) is { } reading)
                {
                    batches.Add(new MeterBatch(meterId, [reading]));
                }
            }

            return batches.Count == 0 && _rejections is null ? DecodeResult.Empty : new DecodeResult(batches, _rejections ?? []);
        }
    }
}
