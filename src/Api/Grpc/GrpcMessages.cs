using Google.Protobuf.WellKnownTypes;
using MeterGrains.Meters;
using V1 = MeterGrains.Grpc.V1;

namespace MeterGrains.Api.Grpc;

/// <summary>From the grains' types to the messages of <c>proto/metergrains/v1</c>; absent values stay unset.</summary>
internal static class GrpcMessages
{
    /// <summary>The live state, with the ids as the caller is shown them.</summary>
    public static V1.Meter ToMeter(MeterLiveState s, string shownMeterId, string? shownHouseholdId)
    {
        var meter = new V1.Meter
        {
            MeterId = shownMeterId,
            Online = s.Online,
            IntegratedImportWh = s.IntegratedImportWh,
            IntegratedExportWh = s.IntegratedExportWh,
            ReadingsAccepted = s.ReadingsAccepted,
            ReadingsRejected = s.ReadingsRejected,
            Gaps = s.Gaps,
            GapSeconds = s.GapSeconds,
            LastReadingAt = ToTimestamp(s.LastReadingAt),
        };
        if (shownHouseholdId is not null)
        {
            meter.HouseholdId = shownHouseholdId;
        }

        Set(s.ImportPowerW, v => meter.ImportPowerW = v);
        Set(s.ExportPowerW, v => meter.ExportPowerW = v);
        Set(s.ImportRegisterWh, v => meter.ImportRegisterWh = v);
        Set(s.ExportRegisterWh, v => meter.ExportRegisterWh = v);
        Set(s.RegisterImportWh, v => meter.RegisterImportWh = v);
        Set(s.RegisterExportWh, v => meter.RegisterExportWh = v);
        return meter;
    }

    public static V1.Bucket ToBucket(MeterEnergyBucket b)
    {
        var bucket = new V1.Bucket
        {
            Start = Timestamp.FromDateTimeOffset(b.Start),
            End = Timestamp.FromDateTimeOffset(b.End),
            ImportWh = b.ImportWh,
            ExportWh = b.ExportWh,
            Complete = b.Complete,
        };
        Set(b.RegisterImportWh, v => bucket.RegisterImportWh = v);
        Set(b.RegisterExportWh, v => bucket.RegisterExportWh = v);
        return bucket;
    }

    public static V1.Reading ToReading(RecordedReading recorded)
    {
        var r = recorded.Reading;
        var reading = new V1.Reading
        {
            Ts = Timestamp.FromDateTimeOffset(r.Timestamp),
            Late = recorded.Late,
            ReceivedAt = Timestamp.FromDateTimeOffset(recorded.ReceivedAt),
        };
        Set(r.ImportPowerW, v => reading.ImportPowerW = v);
        Set(r.ExportPowerW, v => reading.ExportPowerW = v);
        Set(r.ImportRegisterWh, v => reading.ImportRegisterWh = v);
        Set(r.ExportRegisterWh, v => reading.ExportRegisterWh = v);
        Set(r.VoltageV, v => reading.VoltageV = v);
        Set(r.CurrentA, v => reading.CurrentA = v);
        Set(r.PowerFactor, v => reading.PowerFactor = v);
        Set(r.FrequencyHz, v => reading.FrequencyHz = v);
        return reading;
    }

    public static Timestamp? ToTimestamp(DateTimeOffset? instant) => instant is { } at ? Timestamp.FromDateTimeOffset(at) : null;

    /// <summary>The instant of a timestamp the client set, or null; false when it lies outside 0001–9999.</summary>
    public static bool TryInstant(Timestamp? timestamp, out DateTimeOffset? instant)
    {
        instant = null;
        if (timestamp is null)
        {
            return true;
        }

        try
        {
            instant = timestamp.ToDateTimeOffset();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Set(double? value, Action<double> set)
    {
        if (value is { } v)
        {
            set(v);
        }
    }
}
