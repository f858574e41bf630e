using System.Buffers;
using System.Globalization;
using MeterGrains.Meters;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>
/// Decodes Shelly Gen1 energy meters (Shelly EM, Shelly 3EM): one plain-text number per topic
/// <c>shellies/{deviceId}/emeter/{i}/{value}</c>, assembled into readings by <see cref="Gen1ReadingAssembler"/>.
/// </summary>
/// <remarks>
/// <para>
/// Read: <c>power</c> (W, signed), <c>total</c> and <c>total_returned</c> (Wh registers), <c>voltage</c>, <c>current</c>,
/// <c>pf</c>. Not read: <c>energy</c> and <c>returned_energy</c> (watt-minute counters lost on reboot),
/// <c>reactive_power</c> (a reading has no reactive field), and every other topic under <c>shellies/</c>
/// (<c>relay/…</c>, <c>announce</c>, commands): they are accepted and ignored.
/// </para>
/// <para>
/// <c>shellies/{deviceId}/online</c> (<c>true</c> / <c>false</c>, the device's retained last will) becomes a presence
/// report for each meter the device may feed: <c>{deviceId}:0</c> and <c>{deviceId}:1</c> for an EM (two clamps);
/// <c>{deviceId}</c> for a 3EM, and its phase meters when they are on.
/// </para>
/// <para>
/// Meters: <c>&lt;deviceId&gt;:&lt;i&gt;</c> per channel of an EM; for a 3EM (device id <c>shellyem3-…</c>)
/// <c>&lt;deviceId&gt;</c>, the sum of the phases, and with <see cref="ShellyGen1Options.PhaseMeters"/> also one meter per phase.
/// </para>
/// <para>
/// A value that is not a finite number, a negative register or an implausible quality value is dead-lettered alone:
/// the channel's other values still make their reading.
/// </para>
/// </remarks>
public sealed class ShellyGen1Decoder : IAssemblingDecoder
{
    /// <summary>The topic filter this decoder handles.</summary>
    public const string Filter = "shellies/#";

    private const string ThreePhasePrefix = "shellyem3-";
    private const int MaxChannel = 15;
    private const int MaxNumberBytes = 64;

    private readonly Gen1ReadingAssembler _assembler;
    private readonly bool _phaseMeters;

    /// <summary>Creates the decoder with its own assembler.</summary>
    public ShellyGen1Decoder(IOptions<ShellyGen1Options> options)
    {
        var settings = options.Value;
        _assembler = new Gen1ReadingAssembler(settings);
        _phaseMeters = settings.PhaseMeters;
        ReleasePeriod = settings.AssemblyWindow / 4;
    }

    /// <inheritdoc />
    public string Name => "shelly-gen1";

    /// <inheritdoc />
    public IReadOnlyList<string> TopicFilters { get; } = [Filter];

    /// <summary>A quarter of the assembly window: a reading leaves at most that late after its window closes.</summary>
    public TimeSpan ReleasePeriod { get; }

    /// <summary>Readings being assembled (or closed windows not yet dropped from the release queue).</summary>
    internal int PendingWindowCount => _assembler.PendingWindowCount;

    /// <inheritdoc />
    public DecodeResult Decode(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        // shellies/{deviceId}/emeter/{i}/{value}
        var levels = topic.Split('/');
        if (levels is [_, var device, "online"])
        {
            return ShellyOnlineTopic.Decode(device, MetersOf(device), payload, receivedAt);
        }

        if (levels is not [_, var deviceId, "emeter", var channelText, var valueName] || !TryGetQuantity(valueName, out var quantity))
        {
            return DecodeResult.Empty;
        }

        var isThreePhase = deviceId.StartsWith(ThreePhasePrefix, StringComparison.OrdinalIgnoreCase);
        if (!int.TryParse(channelText, NumberStyles.None, CultureInfo.InvariantCulture, out var channel)
            || channel > (isThreePhase ? Gen1Window.PhaseCount - 1 : MaxChannel))
        {
            return DecodeResult.Rejected(new DecodeRejection(
                $"emeter index '{PayloadExcerpt.Of(channelText)}' in topic is not a channel of this device "
                + (isThreePhase ? "(a 3EM has phases 0-2)." : $"(0-{MaxChannel})."),
                RawPayload: PayloadExcerpt.Of(payload)));
        }

        var meterId = isThreePhase ? deviceId : $"{deviceId}:{channel}";
        if (!MeterIds.IsValid(meterId) || !MeterIds.IsValid($"{deviceId}:{channel}"))
        {
            return DecodeResult.Rejected(new DecodeRejection(
                $"device id '{PayloadExcerpt.Of(deviceId)}' does not make a meter id of {MeterIds.RuleDescription} ('{PayloadExcerpt.Of(meterId)}').",
                RawPayload: PayloadExcerpt.Of(payload)));
        }

        if (!TryReadNumber(payload, out var value))
        {
            return DecodeResult.Rejected(new DecodeRejection(
                $"{valueName} is not a finite number; only this value is dropped.", meterId, PayloadExcerpt.Of(payload)));
        }

        if (QualityValueBounds.Check(quantity, value) is { } implausible)
        {
            return DecodeResult.Rejected(new DecodeRejection(
                $"{valueName}: {implausible}; only this value is dropped.", meterId, PayloadExcerpt.Of(payload)));
        }

        return _assembler.Add(new Gen1Value(deviceId, channel, isThreePhase, quantity, value), receivedAt);
    }

    /// <inheritdoc />
    public DecodeResult ReleaseDue(DateTimeOffset now) => _assembler.ReleaseDue(now);

    /// <inheritdoc />
    public DecodeResult ReleaseAll() => _assembler.ReleaseAll();

    /// <summary>The meters a device may feed: an EM's two clamps; a 3EM's summed meter (and its phases when they are on).</summary>
    private string[] MetersOf(string deviceId)
    {
        if (!deviceId.StartsWith(ThreePhasePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return [$"{deviceId}:0", $"{deviceId}:1"];
        }

        return _phaseMeters ? [deviceId, $"{deviceId}:0", $"{deviceId}:1", $"{deviceId}:2"] : [deviceId];
    }

    private static bool TryGetQuantity(string valueName, out ShellyQuantity quantity)
    {
        (var known, quantity) = valueName switch
        {
            "power" => (true, ShellyQuantity.ActivePower),
            "total" => (true, ShellyQuantity.ImportEnergy),
            "total_returned" => (true, ShellyQuantity.ExportEnergy),
            "voltage" => (true, ShellyQuantity.Voltage),
            "current" => (true, ShellyQuantity.Current),
            "pf" => (true, ShellyQuantity.PowerFactor),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>A plain-text decimal number such as <c>-123.45</c>; NaN, infinities, JSON and the rest are refused.</summary>
    private static bool TryReadNumber(ReadOnlySequence<byte> payload, out double value)
    {
        value = 0;
        if (payload.Length is 0 or > MaxNumberBytes)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxNumberBytes];
        payload.CopyTo(buffer);
        var text = buffer[..(int)payload.Length].Trim(" \t\r\n"u8);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
