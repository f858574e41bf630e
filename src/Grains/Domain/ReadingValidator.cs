using MeterGrains.Meters;

namespace MeterGrains.Domain;

/// <summary>Checks one reading against the rules of domain.md and says why it is refused.</summary>
public static class ReadingValidator
{
    /// <summary>The reason the reading is refused, or null when it is acceptable.</summary>
    public static string? Validate(MeterReading reading, DateTimeOffset receivedAt, ReadingLimits limits)
    {
        if (!reading.HasAnyValue)
        {
            return "the reading carries no value";
        }

        if (reading.Timestamp > receivedAt + limits.MaxClockAhead)
        {
            return $"ts {reading.Timestamp:O} is more than {limits.MaxClockAhead.TotalMinutes:0} minutes ahead of the receive time {receivedAt:O}";
        }

        if (reading.Timestamp < receivedAt - limits.LateDataLimit)
        {
            return $"ts {reading.Timestamp:O} is older than the late-data limit of {limits.LateDataLimit.TotalDays:0.#} days; import older history as CSV";
        }

        return CheckPower("importPowerW", reading.ImportPowerW, limits)
            ?? CheckPower("exportPowerW", reading.ExportPowerW, limits)
            ?? CheckRegister("importRegisterWh", reading.ImportRegisterWh, limits)
            ?? CheckRegister("exportRegisterWh", reading.ExportRegisterWh, limits)
            ?? CheckFinite("voltageV", reading.VoltageV)
            ?? CheckFinite("currentA", reading.CurrentA)
            ?? CheckFinite("powerFactor", reading.PowerFactor)
            ?? CheckFinite("frequencyHz", reading.FrequencyHz);
    }

    private static string? CheckPower(string field, double? value, ReadingLimits limits) => value switch
    {
        null => null,
        { } v when !double.IsFinite(v) => $"{field} is not a finite number",
        < 0 => $"{field} is negative ({value}); a signed power must be split into importPowerW and exportPowerW",
        { } v when v > limits.MaxPowerW => $"{field} {v} W is above the plausibility bound of {limits.MaxPowerW} W",
        _ => null,
    };

    private static string? CheckRegister(string field, double? value, ReadingLimits limits) => value switch
    {
        null => null,
        { } v when !double.IsFinite(v) => $"{field} is not a finite number",
        < 0 => $"{field} is negative ({value})",
        { } v when v > limits.MaxRegisterWh => $"{field} {v} Wh is above the plausibility bound of {limits.MaxRegisterWh} Wh",
        _ => null,
    };

    private static string? CheckFinite(string field, double? value) =>
        value is { } v && !double.IsFinite(v) ? $"{field} is not a finite number" : null;
}
