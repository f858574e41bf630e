using System.Buffers;

namespace MeterGrains.Gateway.Decoding;

/// <summary>
/// Turns the payload of one MQTT message into meter readings. One implementation per payload family
/// (generic JSON, Shelly Gen1, Shelly Gen2, ...), chosen by <see cref="DecoderRegistry"/> from the topic.
/// </summary>
/// <remarks>
/// <see cref="Decode"/> runs on the broker's receive path, possibly on several threads at once: it must be synchronous, fast and must not throw
/// for bad input (it reports a <see cref="DecodeRejection"/> instead). The payload buffer belongs to the
/// broker and is only valid during the call, so nothing may keep a reference to it.
/// The payload size limit is enforced by the registry before a decoder is called.
/// </remarks>
public interface IPayloadDecoder
{
    /// <summary>Short stable name, used in logs and as a metric tag (e.g. <c>generic-json</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The MQTT topic filters this decoder handles, with <c>+</c> and <c>#</c> wildcards (e.g. <c>meters/+/reading</c>);
    /// also what a gateway subscribes to on an external broker.
    /// </summary>
    IReadOnlyList<string> TopicFilters { get; }

    /// <summary>Decodes one message.</summary>
    /// <param name="topic">The topic the message was published to; it matches one of <see cref="TopicFilters"/>.</param>
    /// <param name="payload">The payload bytes, valid only during the call.</param>
    /// <param name="receivedAt">The gateway's receive time, used as the reading time when the payload carries none.</param>
    DecodeResult Decode(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt);
}
