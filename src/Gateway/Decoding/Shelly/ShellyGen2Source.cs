using System.Buffers;
using System.Text.Json;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>
/// Reads the <c>src</c> of a Gen2 JSON-RPC notification without decoding it. <see cref="ShellyGen2Decoder"/> takes the
/// device id from <c>src</c> (the topic prefix is configurable on the device), so the broker checks it against the
/// authenticated device before the payload reaches the decoder and its status cache.
/// </summary>
public static class ShellyGen2Source
{
    /// <summary>
    /// True when every top-level <c>src</c> of <paramref name="payload"/> is absent or equals <paramref name="deviceId"/>.
    /// A payload that is not a JSON object passes: the decoder refuses it on its own.
    /// </summary>
    public static bool IsAbsentOrEqual(ReadOnlySequence<byte> payload, string deviceId)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return true;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSrc = reader.ValueTextEquals("src"u8);
                if (!reader.Read())
                {
                    return true;
                }

                // Every src counts: with duplicate keys a parser might keep either one.
                if (isSrc && !(reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(deviceId)))
                {
                    return false;
                }

                reader.Skip();
            }

            return true;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
