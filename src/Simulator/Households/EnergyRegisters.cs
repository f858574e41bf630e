namespace MeterGrains.Simulator.Households;

/// <summary>A device's import and export registers (Wh): they grow by the energy the power drew, and a reboot may zero them.</summary>
internal sealed class EnergyRegisters(double importWh, double exportWh)
{
    public double ImportWh { get; private set; } = importWh;

    public double ExportWh { get; private set; } = exportWh;

    public void Advance(double fromPowerW, double toPowerW, double seconds)
    {
        var (import, export) = LinearEnergy.Between(fromPowerW, toPowerW, seconds);
        ImportWh += import;
        ExportWh += export;
    }

    public void Reset() => (ImportWh, ExportWh) = (0, 0);
}
