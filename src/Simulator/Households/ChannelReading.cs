namespace MeterGrains.Simulator.Households;

/// <summary>What one measuring channel reports at one instant.</summary>
/// <param name="PowerW">Signed active power: positive drawn from the grid, negative returned.</param>
/// <param name="ImportRegisterWh">Energy drawn since the register last started.</param>
/// <param name="ExportRegisterWh">Energy returned since the register last started.</param>
/// <param name="VoltageV">RMS voltage.</param>
/// <param name="PowerFactor">Power factor, 0–1.</param>
internal sealed record ChannelReading(double PowerW, double ImportRegisterWh, double ExportRegisterWh, double VoltageV, double PowerFactor);
