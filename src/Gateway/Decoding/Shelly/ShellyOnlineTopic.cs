using System.Buffers;
using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>
/// The <c>online</c> topic of Shelly devices (Gen1 <c>shellies/{deviceId}/online</c>, Gen2 <c>{deviceId}/online</c>):
/// <c>true</c> when the device connects, <c>false</c> as its retained last will. Turned into one
/// <see cref="MeterPresenceReport"/> per meter the device may have; a meter that never sent a reading ignores it.
/// </summary>
internal static class ShellyOnlineTopic
{
    private const int MaxPayloadBytes = 16;

    /// <summary>Reports for <paramref name="meterIds"/>, or a rejection when the payload is not <c>true</c> or <c>false</c>.</summary>
    public static DecodeResult Decode(string deviceId, IReadOnlyList<string> meterIds, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        if (meterIds.Any(static m => !MeterIds.IsValid(m)))
        {
            return DecodeResult.Rejected(new DecodeRejection(
                $"device id '{PayloadExcerpt.Of(deviceId)}' does not make meter ids of {MeterIds.RuleDescription}.", RawPayload: PayloadExcerpt.Of(payload)));
        }

        if (!TryRead(payload, out var online))
        {
            return DecodeResult.Rejected(new DecodeRejection(
                "online must be true or false.", meterIds[0], PayloadExcerpt.Of(payload)));
        }

        var presence = new DevicePresence(online, receivedAt.ToUniversalTime());
        return DecodeResult.Empty with { PresenceReports = [.. meterIds.Select(m => new MeterPresenceReport(m, presence))] };
    }

    private static bool TryRead(ReadOnlySequence<byte> payload, out bool online)
    {
        online = false;
        if (payload.Length is 0 or > MaxPayloadBytes)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxPayloadBytes];
        payload.CopyTo(buffer);
        var text = buffer[..(int)payload.Length].Trim(" \t\r\n"u8);
        if (text.SequenceEqual("true"u8))
        {
            online = true;
            return true;
        }

        return text.SequenceEqual("false"u8);
    }
}
