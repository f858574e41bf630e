using System.Runtime.InteropServices;

namespace MeterGrains.Meters;

/// <summary>
/// One bucket of a <see cref="MeterEnergySeries"/> as it lies in the series' bytes: instants as UTC ticks, an unknown
/// register energy as NaN, packed without padding so the bytes hold nothing but the values.
/// </summary>
/// <remarks>A struct without references, so a year of buckets is one byte array, copied and sent as a block.</remarks>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly struct PackedEnergyBucket(
    DateTimeOffset start, DateTimeOffset end, double importWh, double exportWh, double? registerImportWh, double? registerExportWh, bool complete)
{
    private readonly long _startTicks = start.UtcTicks;
    private readonly long _endTicks = end.UtcTicks;
    private readonly double _importWh = importWh;
    private readonly double _exportWh = exportWh;
    private readonly double _registerImportWh = registerImportWh ?? double.NaN;
    private readonly double _registerExportWh = registerExportWh ?? double.NaN;
    private readonly bool _complete = complete;

    /// <summary>First instant of the bucket (UTC).</summary>
    public DateTimeOffset Start => new(_startTicks, TimeSpan.Zero);

    /// <summary>First instant after the bucket (UTC).</summary>
    public DateTimeOffset End => new(_endTicks, TimeSpan.Zero);

    /// <summary>Imported energy from the power integral, Wh.</summary>
    public double ImportWh => _importWh;

    /// <summary>Exported energy from the power integral, Wh.</summary>
    public double ExportWh => _exportWh;

    /// <summary>Imported energy from the reset-corrected register, Wh; null where unknown.</summary>
    public double? RegisterImportWh => double.IsNaN(_registerImportWh) ? null : _registerImportWh;

    /// <summary>Exported energy from the register, Wh; null where unknown.</summary>
    public double? RegisterExportWh => double.IsNaN(_registerExportWh) ? null : _registerExportWh;

    /// <summary>True when integrated power covers every instant of the bucket.</summary>
    public bool Complete => _complete;

    /// <summary>The bucket as the record that grain callers have always received.</summary>
    public MeterEnergyBucket ToBucket() => new(Start, End, ImportWh, ExportWh, RegisterImportWh, RegisterExportWh, Complete);
}
