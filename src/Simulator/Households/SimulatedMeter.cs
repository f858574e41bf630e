namespace MeterGrains.Simulator.Households;

/// <summary>
/// One simulated household with its measuring device. Each <see cref="Sample"/> moves the device to a new instant:
/// its power follows the profile (plus noise and anomalies), and its registers grow by the energy of the power line
/// from the previous sample to this one, exactly as the cloud integrates it.
/// </summary>
internal sealed class SimulatedMeter(
    int index,
    HouseholdProfile profile,
    Random random,
    AnomalySource anomalies,
    TimeZoneInfo timeZone,
    double noise,
    EnergyRegisters grid,
    EnergyRegisters production)
{
    private const double NominalVoltageV = 230;

    private DateTimeOffset? _lastAt;
    private double _lastGridW;
    private double _lastProductionW;
    private int _silentSamples;

    public int Index { get; } = index;

    public HouseholdProfile Profile { get; } = profile;

    /// <summary>
    /// A meter of the fleet: its profile and starting registers come from <paramref name="fleetSeed"/> and its index
    /// alone, so the same seed gives the same households.
    /// </summary>
    public static SimulatedMeter Create(int index, int fleetSeed, double anomalyRate, TimeZoneInfo timeZone)
    {
        var random = new Random(unchecked((fleetSeed * 1_000_003) + index));
        var profile = HouseholdProfile.Draw(random);
        var gridRegisters = new EnergyRegisters(1_000_000 + (random.NextDouble() * 20_000_000), profile.PvPeakW > 0 ? random.NextDouble() * 5_000_000 : 0);
        var productionRegisters = new EnergyRegisters(0, profile.PvPeakW > 0 ? random.NextDouble() * 10_000_000 : 0);
        return new SimulatedMeter(index, profile, random, new AnomalySource(anomalyRate), timeZone, noise: 0.05, gridRegisters, productionRegisters);
    }

    /// <summary>The device's reading at <paramref name="at"/>, or null while it is in a dropout (it measures on regardless).</summary>
    public MeterReading? Sample(DateTimeOffset at)
    {
        var hour = TimeZoneInfo.ConvertTime(at, timeZone).TimeOfDay.TotalHours;
        var anomaly = anomalies.Next(random);
        var consumption = Profile.ConsumptionW(hour) * (1 + (noise * Symmetric()));
        if (anomaly == AnomalyKind.Spike)
        {
            consumption += 6000 + (random.NextDouble() * 3000);
        }

        var producing = Profile.ProductionW(hour) * (1 - (noise * random.NextDouble()));
        var gridW = Math.Round(consumption - producing, 2);
        var productionW = -Math.Round(producing, 2);

        if (_lastAt is { } lastAt)
        {
            var seconds = (at - lastAt).TotalSeconds;
            grid.Advance(_lastGridW, gridW, seconds);
            production.Advance(_lastProductionW, productionW, seconds);
        }

        (_lastAt, _lastGridW, _lastProductionW) = (at, gridW, productionW);
        switch (anomaly)
        {
            case AnomalyKind.RegisterReset:
                grid.Reset();
                production.Reset();
                break;
            case AnomalyKind.Dropout:
                _silentSamples = random.Next(5, 31);
                break;
        }

        if (_silentSamples > 0)
        {
            _silentSamples--;
            return null;
        }

        var voltage = NominalVoltageV + (noise * 60 * Symmetric());
        return new MeterReading(
            Index,
            at,
            new ChannelReading(gridW, grid.ImportWh, grid.ExportWh, voltage, gridW >= 0 ? 0.95 : 0.99),
            new ChannelReading(productionW, production.ImportWh, production.ExportWh, voltage, productionW == 0 ? 1 : 0.99));
    }

    private double Symmetric() => (random.NextDouble() * 2) - 1;
}
