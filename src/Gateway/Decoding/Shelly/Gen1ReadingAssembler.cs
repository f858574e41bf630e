using System.Globalization;
using System.Text;
using MeterGrains.Meters;

namespace MeterGrains.Gateway.Decoding.Shelly;

/// <summary>
/// Gathers Shelly Gen1 values, one per message, into readings: the values of one EM channel, or of all three phases of
/// a 3EM, that arrive within <see cref="ShellyGen1Options.AssemblyWindow"/> of the first one form one reading stamped
/// with that first value's receive time.
/// </summary>
/// <remarks>
/// <para>
/// A window closes when its time is up (found by <see cref="ReleaseDue"/>, or by the next value for it), or early when a
/// value repeats a quantity the window already holds: that is the device's next publication.
/// </para>
/// <para>
/// A 3EM window yields the summed meter <c>&lt;deviceId&gt;</c>: signed powers summed and then split by the sign rule,
/// registers summed. A quantity goes into the sum only when all three phases reported it in the window; a partial sum
/// is left out with a dead-letter note, because a register summed over two phases would look like a reset to the meter.
/// Voltage, current and power factor are per phase and go only to the optional phase meters.
/// </para>
/// <para>
/// Thread-safe: values arrive on the broker's threads while the releaser ticks. One lock guards everything; the work
/// under it is a dictionary look-up and a few assignments, and readings are built outside it.
/// </para>
/// </remarks>
internal sealed class Gen1ReadingAssembler(ShellyGen1Options options)
{
    private static readonly ShellyQuantity[] SummedQuantities = [ShellyQuantity.ActivePower, ShellyQuantity.ImportEnergy, ShellyQuantity.ExportEnergy];

    private readonly Lock _lock = new();
    private readonly Dictionary<Gen1WindowKey, Gen1Window> _open = [];

    // Windows in the order they opened, which is the order they fall due (receive times only grow, give or take the
    // scheduling of concurrent receivers). Closed windows stay until they reach the head; the count bounds memory.
    private readonly Queue<Gen1Window> _byOpening = new();

    /// <summary>Windows being assembled or waiting in the release queue.</summary>
    public int PendingWindowCount
    {
        get
        {
            lock (_lock)
            {
                return _byOpening.Count;
            }
        }
    }

    /// <summary>
    /// Adds one value received at <paramref name="receivedAt"/>. Returns the readings of the window it closed (the same
    /// channel's earlier window, when its time is up or the value repeats one it holds), or a rejection when no more
    /// windows may be opened.
    /// </summary>
    public DecodeResult Add(Gen1Value value, DateTimeOffset receivedAt)
    {
        Gen1Window? closed = null;
        DecodeRejection? refused = null;
        lock (_lock)
        {
            var key = value.WindowKey;
            if (_open.TryGetValue(key, out var window))
            {
                if (receivedAt < window.OpenedAt + options.AssemblyWindow && window.TryAdd(value))
                {
                    return DecodeResult.Empty;
                }

                Close(window);
                closed = window;
            }

            DropClosedHead();
            if (_byOpening.Count >= options.MaxOpenWindows)
            {
                refused = new DecodeRejection(
                    $"{options.MaxOpenWindows} Shelly Gen1 readings are being assembled already ({ShellyGen1Options.SectionName}:MaxOpenWindows); "
                    + $"the value of {value.Quantity} on channel {value.Channel} was not kept.",
                    MeterIdOf(value),
                    value.Value.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                window = new Gen1Window(key, receivedAt);
                window.TryAdd(value);
                _open.Add(key, window);
                _byOpening.Enqueue(window);
            }
        }

        var result = closed is null ? DecodeResult.Empty : ReadingsOf([closed]);
        return refused is null ? result : new DecodeResult(result.Batches, [.. result.Rejections, refused]);
    }

    /// <summary>Closes the windows whose time is up at <paramref name="now"/> and returns their readings.</summary>
    public DecodeResult ReleaseDue(DateTimeOffset now)
    {
        List<Gen1Window>? due = null;
        lock (_lock)
        {
            while (_byOpening.TryPeek(out var head) && (head.IsClosed || head.OpenedAt + options.AssemblyWindow <= now))
            {
                _byOpening.Dequeue();
                if (!head.IsClosed)
                {
                    Close(head);
                    (due ??= []).Add(head);
                }
            }
        }

        return due is null ? DecodeResult.Empty : ReadingsOf(due);
    }

    /// <summary>Closes every window, due or not, and returns their readings.</summary>
    public DecodeResult ReleaseAll()
    {
        List<Gen1Window> all;
        lock (_lock)
        {
            all = [.. _byOpening.Where(static w => !w.IsClosed)];
            foreach (var window in all)
            {
                window.IsClosed = true;
            }

            _open.Clear();
            _byOpening.Clear();
        }

        return all.Count == 0 ? DecodeResult.Empty : ReadingsOf(all);
    }

    private void Close(Gen1Window window)
    {
        window.IsClosed = true;
        _open.Remove(window.Key);
    }

    private void DropClosedHead()
    {
        while (_byOpening.TryPeek(out var head) && head.IsClosed)
        {
            _byOpening.Dequeue();
        }
    }

    private static string MeterIdOf(Gen1Value value) => value.IsThreePhase ? value.DeviceId : $"{value.DeviceId}:{value.Channel}";

    private DecodeResult ReadingsOf(List<Gen1Window> windows)
    {
        var batches = new List<MeterBatch>(windows.Count);
        List<DecodeRejection>? rejections = null;
        foreach (var window in windows)
        {
            if (window.Key.Channel is { } channel)
            {
                AddReading(batches, $"{window.Key.DeviceId}:{channel}", window.Channel().ToReading(window.OpenedAt, withQualityValues: true));
                continue;
            }

            AddReading(batches, window.Key.DeviceId, SumOfPhases(window, ref rejections));
            if (options.PhaseMeters)
            {
                for (var phase = 0; phase < Gen1Window.PhaseCount; phase++)
                {
                    AddReading(batches, $"{window.Key.DeviceId}:{phase}", window.Channel(phase).ToReading(window.OpenedAt, withQualityValues: true));
                }
            }
        }

        return new DecodeResult(batches, rejections ?? []);
    }

    private static void AddReading(List<MeterBatch> batches, string meterId, MeterReading? reading)
    {
        if (reading is not null)
        {
            batches.Add(new MeterBatch(meterId, [reading]));
        }
    }

    private MeterReading? SumOfPhases(Gen1Window window, ref List<DecodeRejection>? rejections)
    {
        var sum = new ShellyChannelValues();
        foreach (var quantity in SummedQuantities)
        {
            double total = 0;
            var missing = new List<int>(Gen1Window.PhaseCount);
            for (var phase = 0; phase < Gen1Window.PhaseCount; phase++)
            {
                if (window.Channel(phase)[quantity] is { } value)
                {
                    total += value;
                }
                else
                {
                    missing.Add(phase);
                }
            }

            if (missing.Count == 0)
            {
                sum.Set(quantity, total);
            }
            else if (missing.Count < Gen1Window.PhaseCount)
            {
                (rejections ??= []).Add(PartialSum(window, quantity, missing));
            }
        }

        return sum.ToReading(window.OpenedAt, withQualityValues: false);
    }

    private DecodeRejection PartialSum(Gen1Window window, ShellyQuantity quantity, List<int> missing)
    {
        var (topicName, field) = quantity switch
        {
            ShellyQuantity.ActivePower => ("power", "importPowerW/exportPowerW"),
            ShellyQuantity.ImportEnergy => ("total", "importRegisterWh"),
            _ => ("total_returned", "exportRegisterWh"),
        };
        var reported = new StringBuilder();
        for (var phase = 0; phase < Gen1Window.PhaseCount; phase++)
        {
            if (window.Channel(phase)[quantity] is { } value)
            {
                reported.Append(CultureInfo.InvariantCulture, $"{(reported.Length > 0 ? ", " : string.Empty)}phase {phase}: {value}");
            }
        }

        return new DecodeRejection(
            $"3EM {window.Key.DeviceId}: phase {string.Join(" and ", missing)} sent no {topicName} within the "
            + $"{options.AssemblyWindow.TotalSeconds:0.###} s assembly window opened at {window.OpenedAt:O}; {field} left out of the summed "
            + "reading (a sum over fewer phases would be wrong), its other values kept.",
            window.Key.DeviceId,
            reported.ToString(),
            Topic: $"shellies/{window.Key.DeviceId}/emeter/+/{topicName}");
    }
}
