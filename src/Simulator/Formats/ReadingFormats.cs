namespace MeterGrains.Simulator.Formats;

/// <summary>The format named by <c>--format</c>.</summary>
internal static class ReadingFormats
{
    public static IReadingFormat Create(SimulatorSettings settings) => settings.Format switch
    {
        FormatNames.Generic => new GenericJsonFormat(settings.Prefix, settings.Meters, settings.Batch),
        FormatNames.ShellyGen1 => new ShellyGen1Format(settings.Seed),
        FormatNames.ShellyGen2 => new ShellyGen2Format(settings.Seed, settings.Meters),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Format, "unknown format"),
    };
}
