using MeterGrains.Meters;

namespace MeterGrains.Domain;

/// <summary>
/// Applies readings to a <see cref="MeterSnapshot"/>: validation, the exact power integral,
/// reset-corrected registers, duplicates and gaps (domain.md). Pure: no I/O, no clock of its own.
/// </summary>
public sealed class MeterAccumulator(MeterSnapshot snapshot, MeterRules rules)
{
    private readonly RegisterTracker _importRegister = Restore(snapshot.ImportRegister);
    private readonly RegisterTracker _exportRegister = Restore(snapshot.ExportRegister);

    public MeterSnapshot Snapshot { get; } = snapshot;

    /// <summary>Applies one reading received at <paramref name="receivedAt"/>.</summary>
    public ReadingOutcome Apply(MeterReading reading, DateTimeOffset receivedAt)
    {
        if (ReadingValidator.Validate(reading, receivedAt, rules.Limits) is { } reason)
        {
            Snapshot.ReadingsRejected++;
            return new ReadingOutcome(ReadingOutcomeKind.Rejected, reason);
        }

        if (Snapshot.LastReadingAt is { } last && reading.Timestamp <= last)
        {
            return reading.Timestamp == last ? ApplyRepeat(reading) : ApplyLate();
        }

        Integrate(reading);
        TrackRegisters(reading);

        Snapshot.LastReadingAt = reading.Timestamp;
        Snapshot.ImportPowerW = reading.HasPower ? reading.ImportPowerW ?? 0 : Snapshot.ImportPowerW;
        Snapshot.ExportPowerW = reading.HasPower ? reading.ExportPowerW ?? 0 : Snapshot.ExportPowerW;
        Snapshot.ImportRegisterWh = reading.ImportRegisterWh ?? Snapshot.ImportRegisterWh;
        Snapshot.ExportRegisterWh = reading.ExportRegisterWh ?? Snapshot.ExportRegisterWh;
        Snapshot.ReadingsAccepted++;
        return ReadingOutcome.Accepted;
    }

    private ReadingOutcome ApplyRepeat(MeterReading reading)
    {
        // Only the latest reading's values are held in memory, so a repeat of it is recognised exactly;
        // the raw store decides for older repeats.
        var same = Snapshot.LastReadingAt == reading.Timestamp
            && (!reading.HasPower || (Snapshot.ImportPowerW == (reading.ImportPowerW ?? 0) && Snapshot.ExportPowerW == (reading.ExportPowerW ?? 0)))
            && (reading.ImportRegisterWh is null || reading.ImportRegisterWh == Snapshot.ImportRegisterWh)
            && (reading.ExportRegisterWh is null || reading.ExportRegisterWh == Snapshot.ExportRegisterWh);
        if (same)
        {
            Snapshot.Duplicates++;
            return ReadingOutcome.Duplicate;
        }

        Snapshot.Conflicts++;
        return new ReadingOutcome(ReadingOutcomeKind.Conflict, $"a different reading for ts {reading.Timestamp:O} was accepted before; the first copy stands");
    }

    private ReadingOutcome ApplyLate()
    {
        Snapshot.LateReadings++;
        Snapshot.ReadingsAccepted++;
        return ReadingOutcome.Late;
    }

    private void Integrate(MeterReading reading)
    {
        if (!reading.HasPower)
        {
            return;
        }

        var net = (reading.ImportPowerW ?? 0) - (reading.ExportPowerW ?? 0);
        if (Snapshot.LastPowerAt is { } t0 && Snapshot.LastNetPowerW is { } n0)
        {
            var seconds = (reading.Timestamp - t0).TotalSeconds;
            if (seconds <= rules.MaxGap.TotalSeconds)
            {
                var energy = PowerIntegral.Between(n0, net, seconds);
                Snapshot.IntegratedImportWh += energy.ImportWh;
                Snapshot.IntegratedExportWh += energy.ExportWh;
            }
            else
            {
                Snapshot.Gaps++;
                Snapshot.GapSeconds += seconds;
            }
        }

        Snapshot.LastPowerAt = reading.Timestamp;
        Snapshot.LastNetPowerW = net;
    }

    private void TrackRegisters(MeterReading reading)
    {
        if (reading.ImportRegisterWh is { } import)
        {
            _importRegister.Apply(import);
            Snapshot.ImportRegister = Save(_importRegister);
        }

        if (reading.ExportRegisterWh is { } export)
        {
            _exportRegister.Apply(export);
            Snapshot.ExportRegister = Save(_exportRegister);
        }
    }

    private static RegisterTracker Restore(RegisterSnapshot s) => new(s.FirstRawWh, s.LastRawWh, s.CorrectedWh, s.Resets);

    private static RegisterSnapshot Save(RegisterTracker t) => new()
    {
        FirstRawWh = t.FirstRawWh,
        LastRawWh = t.LastRawWh,
        CorrectedWh = t.CorrectedWh,
        Resets = t.Resets,
    };
}
