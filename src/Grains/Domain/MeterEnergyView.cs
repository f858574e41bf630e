using MeterGrains.Energy;
using MeterGrains.Meters;

namespace MeterGrains.Domain;

/// <summary>
/// The <c>/energy</c> view of one meter, built in one pass: closed quarter-hours from storage are fed in order as they
/// are read, merged on the way with the open ones from memory, summed into the buckets of the interval and written into
/// a packed series with every bucket of the range present. No list of quarter-hours is ever built.
/// </summary>
/// <remarks>
/// Aggregation as domain.md sets it: a view bucket sums the quarter-hours that start inside it;
/// it is complete only when every one of its quarter-hours is present and complete, and it has register energy only
/// when every one of them has it. A bucket without any quarter-hour has 0 Wh, no register energy and is incomplete.
/// </remarks>
public sealed class MeterEnergyView
{
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly IReadOnlyList<EnergyBucket> _open;
    private readonly IEnumerator<(DateTimeOffset Start, DateTimeOffset End)> _spans;
    private readonly MeterEnergySeries.Builder _series;
    private int _nextOpen;
    private DateTimeOffset? _lastTaken;
    private bool _inSpan;
    private Sum _sum;

    /// <summary>
    /// A view of <c>[from, to)</c> in buckets of <paramref name="interval"/> (days in <paramref name="zone"/>), with
    /// <paramref name="open"/>, the meter's open quarter-hours oldest first, taking the place of stored ones that share
    /// their start (a bucket stored before a crash and rebuilt by replay: the open one is the newer).
    /// </summary>
    public MeterEnergyView(
        DateTimeOffset from, DateTimeOffset to, EnergyInterval interval, TimeZoneInfo zone, IReadOnlyList<EnergyBucket> open)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, to);
        (_from, _to, _open) = (from, to, open);
        _spans = BucketGrid.Spans(from, to, interval, zone).GetEnumerator();
        _series = new MeterEnergySeries.Builder(BucketGrid.Count(from, to, interval, zone));
    }

    /// <summary>The next stored quarter-hour; they come oldest first, as the store reads them.</summary>
    public void AddStored(
        DateTimeOffset start, double importWh, double exportWh, double? registerImportWh, double? registerExportWh, bool complete)
    {
        TakeOpenBefore(start);
        if (_nextOpen < _open.Count && _open[_nextOpen].Start == start)
        {
            return; // the open copy is newer and is taken in its turn
        }

        Take(start, importWh, exportWh, registerImportWh, registerExportWh, complete);
    }

    /// <summary>The view, once every stored quarter-hour of the range has been added.</summary>
    public MeterEnergySeries Build()
    {
        TakeOpenBefore(DateTimeOffset.MaxValue);
        if (_inSpan)
        {
            WriteSpan();
        }

        while (_spans.MoveNext())
        {
            _series.Add(new PackedEnergyBucket(_spans.Current.Start, _spans.Current.End, 0, 0, null, null, false));
        }

        return _series.Build();
    }

    private void TakeOpenBefore(DateTimeOffset start)
    {
        for (; _nextOpen < _open.Count && _open[_nextOpen].Start < start; _nextOpen++)
        {
            var b = _open[_nextOpen];
            Take(b.Start, b.ImportWh, b.ExportWh, b.RegisterImportWh, b.RegisterExportWh, b.Complete);
        }
    }

    private void Take(DateTimeOffset start, double importWh, double exportWh, double? registerImportWh, double? registerExportWh, bool complete)
    {
        if (start < _from || start >= _to)
        {
            return;
        }

        if (start <= _lastTaken)
        {
            throw new ArgumentException($"Quarter-hours must come in order, each once: {start:O} after {_lastTaken:O}.");
        }

        _lastTaken = start;
        while (!_inSpan || start >= _spans.Current.End)
        {
            if (_inSpan)
            {
                WriteSpan(); // spans without quarter-hours are written empty on the way
                continue;
            }

            if (!_spans.MoveNext())
            {
                throw new InvalidOperationException($"No bucket of the range holds {start:O}.");
            }

            _inSpan = true;
            _sum = new Sum { AllComplete = true, AllRegisterImport = true, AllRegisterExport = true };
        }

        _sum.Quarters++;
        _sum.ImportWh += importWh;
        _sum.ExportWh += exportWh;
        _sum.RegisterImportWh += registerImportWh ?? 0;
        _sum.RegisterExportWh += registerExportWh ?? 0;
        _sum.AllRegisterImport &= registerImportWh is not null;
        _sum.AllRegisterExport &= registerExportWh is not null;
        _sum.AllComplete &= complete;
    }

    /// <summary>Writes the current span's bucket and leaves the span.</summary>
    private void WriteSpan()
    {
        var (start, end) = _spans.Current;
        var all = _sum.Quarters == (end - start).Ticks / QuarterHour.Length.Ticks;
        _series.Add(new PackedEnergyBucket(
            start,
            end,
            _sum.ImportWh,
            _sum.ExportWh,
            all && _sum.AllRegisterImport ? _sum.RegisterImportWh : null,
            all && _sum.AllRegisterExport ? _sum.RegisterExportWh : null,
            all && _sum.AllComplete));
        _inSpan = false;
    }

    /// <summary>What the quarter-hours of the current span add up to so far.</summary>
    private struct Sum
    {
        public int Quarters;
        public double ImportWh;
        public double ExportWh;
        public double RegisterImportWh;
        public double RegisterExportWh;
        public bool AllRegisterImport;
        public bool AllRegisterExport;
        public bool AllComplete;
    }
}
