using System.Buffers;
using MeterGrains.Gateway.Mqtt;
using Microsoft.Extensions.Options;

namespace MeterGrains.Gateway.Decoding;

/// <summary>
/// Chooses the decoder of a message by its topic (first registered <see cref="IPayloadDecoder"/> one of whose
/// <see cref="IPayloadDecoder.TopicFilters"/> matches) and applies the checks common to every payload family.
/// </summary>
public sealed class DecoderRegistry
{
    private readonly IPayloadDecoder[] _decoders;
    private readonly int _maxPayloadBytes;

    /// <summary>Creates the registry over the decoders registered in the container, in registration order.</summary>
    public DecoderRegistry(IEnumerable<IPayloadDecoder> decoders, IOptions<MqttOptions> options)
    {
        _decoders = [.. decoders];
        _maxPayloadBytes = options.Value.MaxPayloadBytes;
    }

    /// <summary>The decoders, in the order they are tried.</summary>
    public IReadOnlyList<IPayloadDecoder> Decoders => _decoders;

    /// <summary>Every topic filter of every decoder, in order: what the gateway must receive.</summary>
    public IReadOnlyList<string> TopicFilters => [.. _decoders.SelectMany(static d => d.TopicFilters).Distinct(StringComparer.Ordinal)];

    /// <summary>Finds the decoder for <paramref name="topic"/>; <c>false</c> when no decoder handles it.</summary>
    public bool TryGetDecoder(string topic, [NotNullWhen(true)] out IPayloadDecoder? decoder)
    {
        foreach (var candidate in _decoders)
        {
            foreach (var filter in candidate.TopicFilters)
            {
                if (MqttTopicFilter.Matches(filter, topic))
                {
                    decoder = candidate;
                    return true;
                }
            }
        }

        decoder = null;
        return false;
    }

    /// <summary>
    /// Decodes one message with <paramref name="decoder"/>, after refusing a payload larger than
    /// <see cref="MqttOptions.MaxPayloadBytes"/>. Never throws for bad input.
    /// </summary>
    public DecodeResult Decode(IPayloadDecoder decoder, string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        if (payload.Length > _maxPayloadBytes)
        {
            return DecodeResult.Rejected(new DecodeRejection(
                $"payload of {payload.Length} bytes exceeds the limit of {_maxPayloadBytes} bytes ({MqttOptions.SectionName}:MaxPayloadBytes)."));
        }

        return decoder.Decode(topic, payload, receivedAt);
    }
}
