using MeterGrains.Simulator.Households;

namespace MeterGrains.Simulator.Formats;

/// <summary>A payload family: turns meter readings into the MQTT messages such a device publishes.</summary>
internal interface IReadingFormat
{
    /// <summary>The id the cloud gives the household's grid meter, to show where to look.</summary>
    string MeterIdOf(int meterIndex);

    /// <summary>The messages for <paramref name="reading"/>; none while a batch is still filling.</summary>
    IReadOnlyList<OutgoingMessage> Format(MeterReading reading);

    /// <summary>Whatever is held back (partly filled batches), at the end of a run.</summary>
    IReadOnlyList<OutgoingMessage> Flush();
}
