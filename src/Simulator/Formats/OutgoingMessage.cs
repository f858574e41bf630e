using System.Text;

namespace MeterGrains.Simulator.Formats;

/// <summary>One MQTT message to publish.</summary>
/// <param name="Topic">Its topic.</param>
/// <param name="Payload">Its payload (UTF-8 text in every format).</param>
/// <param name="Readings">How many meter readings this message completes, for the counters (0 for the follow-up values of a Gen1 reading).</param>
internal sealed record OutgoingMessage(string Topic, byte[] Payload, int Readings)
{
    public OutgoingMessage(string topic, string payload, int readings)
        : this(topic, Encoding.UTF8.GetBytes(payload), readings)
    {
    }

    public string PayloadText => Encoding.UTF8.GetString(Payload);
}
