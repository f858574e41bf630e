using System.Diagnostics;
using MeterGrains.Analytics.Series;
using MeterGrains.Imports.Csv;
using MeterGrains.Imports.Storage;
using MeterGrains.Meters;
using Microsoft.Extensions.Options;

namespace MeterGrains.Imports;

/// <summary>
/// Imports one CSV upload for a meter: reads it line by line from the stream (memory does not grow with the file: rows
/// go to the store in batches, and the analysis keeps one value per channel and hour), validates each row, stores the
/// good ones idempotently, and analyses each channel.
/// </summary>
public sealed class CsvImporter(IImportStore store, IOptions<ImportOptions> options, TimeProvider clock)
{
    /// <summary>How far ahead of now a timestamp may be (domain.md: 5 minutes).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    private readonly ImportOptions _options = options.Value;
    private readonly IImportStore _store = store;
    private readonly TimeProvider _clock = clock;

    public async Task<ImportOutcome> ImportAsync(string meterId, Stream body, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(zone);
        var total = Stopwatch.StartNew();
        var reader = new CsvLineReader(body, _options.MaxLineBytes);

        CsvLine? first;
        do
        {
            first = await reader.ReadAsync(cancellationToken);
        }
        while (first is { TooLong: false } blank && string.IsNullOrWhiteSpace(blank.Text));

        if (first is not { } headerLine)
        {
            return ImportOutcome.NotCsv("the upload is empty: a CSV file with a header line was expected");
        }

        if (headerLine.TooLong)
        {
            return ImportOutcome.NotCsv($"the first line is longer than {_options.MaxLineBytes} bytes: not a CSV header");
        }

        if (CsvHeader.Parse(headerLine.Text, out var problem) is not { } header)
        {
            return ImportOutcome.NotCsv(problem!);
        }

        var run = new Run(this, meterId, header, zone, cancellationToken);
        TimeSpan parse;
        List<ChannelSummary> channels;
        var analyse = new Stopwatch();
        try
        {
            // Lines are taken from the reader's buffer and split without a string per line or field; the parse stops
            // only to read on, or to hand a full batch to the store.
            var record = new CsvRecord();
            do
            {
                while (run.TakeLines(reader, record))
                {
                    await run.FlushAsync();
                }
            }
            while (await reader.FillAsync(cancellationToken));

            // The last batch is stored while the channels are analysed: the analysis reads only the hourly series,
            // never the rows being stored, so the two overlap and the answer waits for the longer one.
            parse = total.Elapsed - run.Store.WaitTime;
            await run.FlushAsync();
            analyse.Start();
            channels = run.Analyse();
            analyse.Stop();
            await run.Store.DrainAsync();
        }
        catch (Exception)
        {
            // What the batches in flight store stays (the same file can be sent again); the caller sees this failure.
            await run.Store.AbandonAsync();
            throw;
        }

        total.Stop();
        var store = run.Store.StoreTime.TotalMilliseconds;
        var summary = new ImportSummary(
            meterId,
            header.Shape == CsvShape.Readings ? "readings" : "intervalEnergy",
            zone.Id,
            run.Rows,
            run.Accepted,
            run.Store.Stored,
            run.Accepted - run.Store.Stored,
            run.Rows - run.Accepted,
            run.Errors,
            header.IgnoredColumns,
            channels,
            new ImportTimings(
                parse.TotalMilliseconds,
                store,
                analyse.Elapsed.TotalMilliseconds,
                total.Elapsed.TotalMilliseconds));
        return new ImportOutcome(summary, null);
    }

    /// <summary>The state of one import while its lines are read.</summary>
    private sealed class Run(CsvImporter importer, string meterId, CsvHeader header, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        private readonly CsvRowParser _parser = new(header, meterId, zone, importer._clock.GetUtcNow() + MaxAhead, importer._options.MaxChannels);
        // Per channel index of the parser's targets: the hourly series for the analysis and the rows accepted.
        private readonly List<(HourlySeriesBuilder Series, long Rows)> _energyChannels = [];
        private readonly HourlySeriesBuilder?[] _readingChannels = ReadingColumn.All
            .Select((c, i) => header.Shape == CsvShape.Readings && header.Values[i] >= 0 && !c.IsRegister ? new HourlySeriesBuilder(HourAggregation.Mean) : null)
            .ToArray();

        private readonly long[] _readingRows = new long[ReadingColumn.All.Count];
        private EnergyRowBatch _energy = new(importer._options.StoreBatchRows);
        private List<MeterReading> _readings = [];
        // Time ranges matter only to batches stored side by side: one at a time, nothing can overlap, and the rows are
        // not looked up per meter on the way.
        private BatchRange? _range = importer._options.StoreConcurrency > 1 ? new() : null;
        private readonly List<RowError> _errors = [];

        public long Rows { get; private set; }

        public long Accepted { get; private set; }

        public StorePipeline Store { get; } = new(importer._options.StoreConcurrency);

        public IReadOnlyList<RowError> Errors => _errors;

        /// <summary>
        /// Takes the lines the reader holds until it needs to read on (false) or a batch is full and must be handed to
        /// the store before the parse goes on (true).
        /// </summary>
        public bool TakeLines(CsvLineReader reader, CsvRecord fields)
        {
            var limit = importer._options.StoreBatchRows;
            while (reader.TryTakeLine(out var number, out var text, out var tooLong))
            {
                if (!tooLong && text.IsWhiteSpace())
                {
                    continue;
                }

                Rows++;
                if (Parse(text, tooLong, fields) is { } error)
                {
                    if (_errors.Count < importer._options.MaxErrorsListed)
                    {
                        _errors.Add(new RowError(number, error));
                    }

                    continue;
                }

                Accepted++;
                if (_energy.Count >= limit || _readings.Count >= limit)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Takes the row in, or says why not.</summary>
        private string? Parse(ReadOnlySpan<char> line, bool tooLong, CsvRecord fields)
        {
            if (tooLong)
            {
                return $"the line is longer than {importer._options.MaxLineBytes} bytes";
            }

            if (!fields.Split(line, header.Delimiter))
            {
                return "a quoted field is not closed";
            }

            string? error;
            if (header.Shape == CsvShape.IntervalEnergy)
            {
                if (!_parser.TryParseEnergy(fields, out var row, out var index, out error))
                {
                    return error;
                }

                _energy.Add(row);
                _range?.Add(row.MeterId, row.Start);
                while (_energyChannels.Count <= index)
                {
                    // A channel's first rows may all have been refused: its index was given out before.
                    _energyChannels.Add((new HourlySeriesBuilder(HourAggregation.Sum), 0));
                }

                var channel = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_energyChannels);
                channel[index].Series.Add(row.Start, row.EnergyWh);
                channel[index].Rows++;
                return null;
            }

            if (!_parser.TryParseReading(fields, out var reading, out error))
            {
                return error;
            }

            _readings.Add(reading!);
            _range?.Add(meterId, reading!.Timestamp);
            AddReading(reading!);
            return null;
        }

        /// <summary>Hands the batch read so far to the store pipeline and starts a new one.</summary>
        public async ValueTask FlushAsync()
        {
            if (_energy.Count > 0)
            {
                var energy = _energy;
                _energy = new EnergyRowBatch(importer._options.StoreBatchRows);
                await Store.StartAsync(() => StoreAndReturnAsync(energy), TakeRange());
            }

            if (_readings.Count > 0)
            {
                var readings = _readings;
                _readings = [];
                await Store.StartAsync(() => importer._store.AppendReadingsAsync(meterId, readings, cancellationToken), TakeRange());
            }
        }

        private async ValueTask<int> StoreAndReturnAsync(EnergyRowBatch energy)
        {
            try
            {
                return await importer._store.AppendEnergyAsync(energy, cancellationToken);
            }
            finally
            {
                energy.Return();
            }
        }

        private BatchRange? TakeRange()
        {
            var range = _range;
            _range = range is null ? null : new BatchRange();
            return range;
        }

        public List<ChannelSummary> Analyse()
        {
            var calendar = new LocalCalendar(zone);
            var max = importer._options.MaxAnomaliesListed;
            var summaries = new List<ChannelSummary>();
            var accepted = _parser.Targets.Zip(_energyChannels).Where(c => c.Second.Rows > 0);
            foreach (var (subMeter, (series, rows)) in accepted.OrderBy(c => c.First, StringComparer.Ordinal))
            {
                var channel = subMeter.Length > meterId.Length ? subMeter[(meterId.Length + 1)..] : string.Empty;
                summaries.Add(ChannelAnalyzer.Analyse(channel, subMeter, "energyWh", "Wh", rows, series.Build(), calendar, max));
            }

            for (var i = 0; i < _readingChannels.Length; i++)
            {
                if (_readingChannels[i] is { } series)
                {
                    var column = ReadingColumn.All[i];
                    summaries.Add(ChannelAnalyzer.Analyse(column.Name, meterId, column.Name, column.Unit, _readingRows[i], series.Build(), calendar, max));
                }
            }

            return summaries;
        }

        private void AddReading(MeterReading reading)
        {
            ReadOnlySpan<double?> values =
                [reading.ImportPowerW, reading.ExportPowerW, reading.ImportRegisterWh, reading.ExportRegisterWh,
                 reading.VoltageV, reading.CurrentA, reading.PowerFactor, reading.FrequencyHz];
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } value && _readingChannels[i] is { } series)
                {
                    series.Add(reading.Timestamp, value);
                    _readingRows[i]++;
                }
            }
        }
    }
}
