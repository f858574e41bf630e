using MeterGrains.Meters;

namespace MeterGrains.Domain;

/// <summary>
/// What the reorder window keeps of one accepted reading: just enough to re-split an interval, replay the
/// registers, and tell a duplicate from a conflict.
/// </summary>
/// <param name="At">The reading's instant.</param>
/// <param name="NetPowerW">Net power (import − export), or null when the reading carries no power.</param>
/// <param name="ImportRegisterWh">The raw import register, when carried.</param>
/// <param name="ExportRegisterWh">The raw export register, when carried.</param>
/// <param name="Fingerprint">A stable hash of all values (<see cref="ReadingFingerprint"/>).</param>
public readonly record struct RecentReading(
    DateTimeOffset At,
    double? NetPowerW,
    double? ImportRegisterWh,
    double? ExportRegisterWh,
    int Fingerprint)
{
    public static RecentReading From(MeterReading reading) => new(
        reading.Timestamp,
        reading.HasPower ? (reading.ImportPowerW ?? 0) - (reading.ExportPowerW ?? 0) : null,
        reading.ImportRegisterWh,
        reading.ExportRegisterWh,
        ReadingFingerprint.Of(reading));

    /// <summary>The raw register of one kind.</summary>
    public double? Register(RegisterKind kind) => kind == RegisterKind.Import ? ImportRegisterWh : ExportRegisterWh;
}

/// <summary>The two energy registers (A+ and A−).</summary>
public enum RegisterKind
{
    Import,
    Export,
}
