using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MeterGrains.Meters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace MeterGrains.Storage;

/// <summary>
/// <see cref="IReadingStore"/> on PostgreSQL. Appends of all meters of the silo go through one bounded queue to a single
/// background writer, which gathers them for up to <see cref="ReadingStoreOptions.MaxBatchDelay"/> or
/// <see cref="ReadingStoreOptions.MaxBatchRows"/> and writes them in one transaction: binary COPY into a temporary
/// staging table, then one <c>INSERT ... SELECT ... ON CONFLICT DO NOTHING</c> into <c>meter_readings</c>.
/// Each caller completes after the commit, with its own counts.
/// </summary>
public sealed class PostgresReadingStore : IReadingStore, IAsyncDisposable
{
    private const string ReadingColumns =
        "import_power_w, export_power_w, import_register_wh, export_register_wh, voltage_v, current_a, power_factor, frequency_hz";

    private const string CreateStagingSql = $"""
        CREATE TEMP TABLE IF NOT EXISTS meter_readings_staging (
            seq integer NOT NULL, caller integer NOT NULL, meter_id text NOT NULL, ts timestamptz NOT NULL,
            import_power_w double precision, export_power_w double precision,
            import_register_wh double precision, export_register_wh double precision,
            voltage_v double precision, current_a double precision, power_factor double precision, frequency_hz double precision,
            late boolean NOT NULL, received_at timestamptz NOT NULL
        ) ON COMMIT DELETE ROWS
        """;

    private const string CopySql = $"""
        COPY meter_readings_staging (seq, caller, meter_id, ts, {ReadingColumns}, late, received_at) FROM STDIN (FORMAT BINARY)
        """;

    // ORDER BY seq makes nextval() hand out ingest ids in arrival order.
    private const string InsertIntoReadings = $"""
        INSERT INTO meter_readings (meter_id, ts, {ReadingColumns}, late, received_at)
        SELECT meter_id, ts, {ReadingColumns}, late, received_at FROM meter_readings_staging ORDER BY seq
        ON CONFLICT (meter_id, ts) DO NOTHING
        RETURNING meter_id, ts, ingest_id, late
        """;

    // The usual batch: each meter comes from one call (a grain awaits its appends), so counts per meter are counts per call.
    private const string InsertByMeterSql = $"""
        WITH inserted AS ({InsertIntoReadings})
        SELECT meter_id, count(*)::integer, max(ingest_id), count(*) FILTER (WHERE late)::integer FROM inserted GROUP BY meter_id
        """;

    // Several calls for one meter in a batch: RETURNING can name only the target's columns, so each new row is
    // matched back to the first call that staged its (meter_id, ts).
    private const string InsertByCallerSql = $"""
        WITH inserted AS ({InsertIntoReadings}), owner AS (
            SELECT DISTINCT ON (meter_id, ts) meter_id, ts, caller FROM meter_readings_staging ORDER BY meter_id, ts, seq
        )
        SELECT o.caller, count(*)::integer, max(i.ingest_id), count(*) FILTER (WHERE i.late)::integer
        FROM inserted i JOIN owner o ON o.meter_id = i.meter_id AND o.ts = i.ts
        GROUP BY o.caller
        """;

    private const string EnsurePartitionsSql = "SELECT ensure_meter_reading_partitions(d, d) FROM unnest($1::date[]) AS d";

    private const string ReadSql = $"""
        SELECT ts, {ReadingColumns}, late, received_at FROM meter_readings
        WHERE meter_id = $1 AND ts >= $2 AND ts < $3 ORDER BY ts LIMIT $4
        """;

    private const string ReadAfterSql = $"""
        SELECT ts, {ReadingColumns}, late, received_at, ingest_id FROM meter_readings
        WHERE meter_id = $1 AND ingest_id > $2 AND ts >= $3 ORDER BY ingest_id
        """;

    private const string UpsertBucketsSql = """
        INSERT INTO meter_buckets (meter_id, bucket_start, import_wh, export_wh, register_import_wh, register_export_wh, complete, updated_at)
        SELECT $1, b.bucket_start, b.import_wh, b.export_wh, b.register_import_wh, b.register_export_wh, b.complete, now()
        FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::boolean[])
            AS b(bucket_start, import_wh, export_wh, register_import_wh, register_export_wh, complete)
        ON CONFLICT (meter_id, bucket_start) DO UPDATE SET
            import_wh = EXCLUDED.import_wh, export_wh = EXCLUDED.export_wh,
            register_import_wh = EXCLUDED.register_import_wh, register_export_wh = EXCLUDED.register_export_wh,
            complete = EXCLUDED.complete, updated_at = EXCLUDED.updated_at
        """;

    private const string ReadBucketsSql = """
        SELECT bucket_start, import_wh, export_wh, register_import_wh, register_export_wh, complete FROM meter_buckets
        WHERE meter_id = $1 AND bucket_start >= $2 AND bucket_start < $3 ORDER BY bucket_start
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ReadingStoreOptions _options;
    private readonly ILogger _logger;
    private readonly GrainMetrics? _metrics;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task _writer;

    // Owned by the writer loop only.
    private readonly HashSet<DateOnly> _knownDays = [];
    private NpgsqlConnection? _connection;

    private long _transactions;
    private long _failedTransactions;
    private long _callerRetries;
    private long _rowsOffered;
    private long _rowsInserted;

    /// <param name="dataSource">The database.</param>
    /// <param name="options">Batching and queue bounds.</param>
    /// <param name="logger">Where failures go.</param>
    /// <param name="metrics">Counts batches, stored rows and ingest lag; none when null (benchmarks).</param>
    public PostgresReadingStore(
        NpgsqlDataSource dataSource, IOptions<ReadingStoreOptions> options, ILogger<PostgresReadingStore> logger, GrainMetrics? metrics = null)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _writer = Task.Run(RunWriterAsync);
    }

    /// <summary>Counters since the store started (read without locking; each value is exact, the set is not a snapshot).</summary>
    public ReadingStoreStatistics Statistics => new(
        Interlocked.Read(ref _transactions),
        Interlocked.Read(ref _failedTransactions),
        Interlocked.Read(ref _callerRetries),
        Interlocked.Read(ref _rowsOffered),
        Interlocked.Read(ref _rowsInserted));

    public async ValueTask<StoredBatch> AppendAsync(string meterId, IReadOnlyList<StoredReading> readings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(meterId);
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Count == 0)
        {
            return StoredBatch.Empty;
        }

        foreach (var stored in readings)
        {
            // Checked here: a null would otherwise fail the whole batch in the writer, not just this call.
            if (stored?.Reading is null)
            {
                throw new ArgumentException("Readings may not contain null.", nameof(readings));
            }
        }

        var pending = new PendingAppend(meterId, readings, ct, Activity.Current?.Context ?? default);
        try
        {
            if (!_queue.Writer.TryWrite(pending))
            {
                await _queue.Writer.WriteAsync(pending, ct);
            }
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException(nameof(PostgresReadingStore), ex);
        }

        // A caller that gives up may still find its readings stored later; appends are idempotent, so a retry is safe.
        return await pending.Completion.Task.WaitAsync(ct);
    }

    public async IAsyncEnumerable<StoredReading> ReadAsync(
        string meterId, DateTimeOffset from, DateTimeOffset to, int limit, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return ReadStored(reader);
        }
    }

    public async IAsyncEnumerable<IngestedReading> ReadAfterAsync(
        string meterId, long afterIngestId, DateTimeOffset notBefore, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(ReadAfterSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterIngestId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = notBefore.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new IngestedReading(reader.GetInt64(11), ReadStored(reader));
        }
    }

    public async ValueTask UpsertBucketsAsync(string meterId, IReadOnlyList<BucketRow> buckets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(meterId);
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count == 0)
        {
            return;
        }

        // ON CONFLICT DO UPDATE may not touch a row twice in one statement: keep the last row per start.
        var byStart = new Dictionary<long, BucketRow>(buckets.Count);
        foreach (var bucket in buckets)
        {
            byStart[bucket.Start.UtcTicks] = bucket;
        }

        var rows = byStart.Values;
        await using var command = _dataSource.CreateCommand(UpsertBucketsSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = rows.Select(b => b.Start.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = rows.Select(b => b.ImportWh).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = rows.Select(b => b.ExportWh).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<double?[]> { TypedValue = rows.Select(b => b.RegisterImportWh).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<double?[]> { TypedValue = rows.Select(b => b.RegisterExportWh).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = rows.Select(b => b.Complete).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async IAsyncEnumerable<BucketRow> ReadBucketsAsync(
        string meterId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(ReadBucketsSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = meterId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new BucketRow(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetDouble(1),
                reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.GetBoolean(5));
        }
    }

    /// <summary>Stops taking appends, writes what is queued, and closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private static StoredReading ReadStored(NpgsqlDataReader reader) => new(
        new MeterReading(
            reader.GetFieldValue<DateTimeOffset>(0),
            NullableDouble(reader, 1),
            NullableDouble(reader, 2),
            NullableDouble(reader, 3),
            NullableDouble(reader, 4),
            NullableDouble(reader, 5),
            NullableDouble(reader, 6),
            NullableDouble(reader, 7),
            NullableDouble(reader, 8)),
        reader.GetBoolean(9),
        reader.GetFieldValue<DateTimeOffset>(10));

    private static double? NullableDouble(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>();
        // WaitToReadAsync turns false only once the queue is completed and drained, so disposal writes what is queued.
        while (await reader.WaitToReadAsync())
        {
            try
            {
                batch.Clear();
                var rows = await GatherAsync(reader, batch);
                if (batch.Count > 0)
                {
                    await WriteBatchAsync(batch, rows);
                }
            }
            catch (Exception ex)
            {
                StorageLog.WriterLoopError(_logger, ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private async Task<int> GatherAsync(ChannelReader<PendingAppend> reader, List<PendingAppend> batch)
    {
        var rows = 0;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            while (rows < _options.MaxBatchRows && reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
                rows += pending.Readings.Count;
            }

            var remaining = _options.MaxBatchDelay - Stopwatch.GetElapsedTime(started);
            if (rows >= _options.MaxBatchRows || batch.Count == 0 || remaining <= TimeSpan.Zero)
            {
                return rows;
            }

            using var timeout = new CancellationTokenSource(remaining);
            try
            {
                if (!await reader.WaitToReadAsync(timeout.Token))
                {
                    return rows;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return rows;
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingAppend> batch, int rows)
    {
        try
        {
            var results = await WriteTransactionAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }

            return;
        }
        catch (Exception ex) when (IsDataError(ex) && batch.Count > 1)
        {
            // One bad row must not sink the other callers: write each call on its own.
            StorageLog.BatchIsolating(_logger, batch.Count, rows, ex);
        }
        catch (Exception ex)
        {
            StorageLog.BatchFailed(_logger, batch.Count, rows, ex);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }

        foreach (var pending in batch)
        {
            Interlocked.Increment(ref _callerRetries);
            try
            {
                var results = await WriteTransactionAsync([pending]);
                pending.Completion.TrySetResult(results[0]);
            }
            catch (Exception ex)
            {
                StorageLog.CallFailed(_logger, pending.MeterId, pending.Readings.Count, ex);
                pending.Completion.TrySetException(ex);
            }
        }
    }

    // 22xxx data exceptions and 23xxx integrity violations (bad value, id, missing partition) come from rows;
    // anything else (connection lost, timeout) would fail every caller alike, so it is not retried per caller.
    private static bool IsDataError(Exception ex) =>
        ex is PostgresException { SqlState: [ '2', '2' or '3', ..] };

    private async Task<StoredBatch[]> WriteTransactionAsync(IReadOnlyList<PendingAppend> batch)
    {
        using var activity = GrainActivities.Enabled
            ? GrainActivities.StartStore([.. batch.Select(static p => p.Trace)], batch.Sum(static p => p.Readings.Count))
            : null;
        try
        {
            var connection = await GetConnectionAsync();
            await EnsurePartitionsAsync(connection, batch);

            await using var transaction = await connection.BeginTransactionAsync();
            var offered = await CopyToStagingAsync(connection, batch);

            var inserted = new int[batch.Count];
            var lateInserted = new int[batch.Count];
            var maxIngestIds = new long?[batch.Count];
            var callerByMeter = CallerByMeter(batch);
            await using (var command = new NpgsqlCommand(callerByMeter is null ? InsertByCallerSql : InsertByMeterSql, connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var caller = callerByMeter is null ? reader.GetInt32(0) : callerByMeter[reader.GetString(0)];
                    inserted[caller] = reader.GetInt32(1);
                    maxIngestIds[caller] = reader.GetInt64(2);
                    lateInserted[caller] = reader.GetInt32(3);
                }
            }

            await transaction.CommitAsync();

            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _rowsOffered, offered);
            Interlocked.Add(ref _rowsInserted, inserted.Sum());
            _metrics?.Committed(batch.Select(static p => p.Readings), offered, inserted.Sum());
            var results = new StoredBatch[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = new StoredBatch(inserted[i], batch[i].Readings.Count - inserted[i], maxIngestIds[i], lateInserted[i]);
            }

            return results;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failedTransactions);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            // A partition may have been dropped behind our back: look again next time.
            _knownDays.Clear();
            if (ex is not PostgresException && _connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }

            throw;
        }
    }

    /// <summary>The call of each meter in the batch, or null when some meter has more than one call in it.</summary>
    private static Dictionary<string, int>? CallerByMeter(IReadOnlyList<PendingAppend> batch)
    {
        var callers = new Dictionary<string, int>(batch.Count, StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (!callers.TryAdd(batch[i].MeterId, i))
            {
                return null;
            }
        }

        return callers;
    }

    private async Task<NpgsqlConnection> GetConnectionAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        // The writer keeps one connection for its lifetime: the temporary staging table lives in that session
        // (a pooled connection would be reset with DISCARD ALL on return).
        var connection = await _dataSource.OpenConnectionAsync();
        try
        {
            await using var command = new NpgsqlCommand(CreateStagingSql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        return connection;
    }

    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> batch)
    {
        List<DateOnly>? missing = null;
        foreach (var pending in batch)
        {
            foreach (var stored in pending.Readings)
            {
                var day = DateOnly.FromDateTime(stored.Reading.Timestamp.UtcDateTime);
                if (!_knownDays.Contains(day) && (missing is null || !missing.Contains(day)))
                {
                    (missing ??= []).Add(day);
                }
            }
        }

        if (missing is null)
        {
            return;
        }

        // Outside the batch transaction, so the lock a new partition takes on meter_readings is held only briefly.
        await using var command = new NpgsqlCommand(EnsurePartitionsSql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = missing.ToArray() });
        await command.ExecuteNonQueryAsync();
        _knownDays.UnionWith(missing);
    }

    private static async Task<int> CopyToStagingAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> batch)
    {
        var seq = 0;
        await using var importer = await connection.BeginBinaryImportAsync(CopySql);
        for (var caller = 0; caller < batch.Count; caller++)
        {
            var pending = batch[caller];
            foreach (var stored in pending.Readings)
            {
                var reading = stored.Reading;
                await importer.StartRowAsync();
                await importer.WriteAsync(seq++, NpgsqlDbType.Integer);
                await importer.WriteAsync(caller, NpgsqlDbType.Integer);
                await importer.WriteAsync(pending.MeterId, NpgsqlDbType.Text);
                await importer.WriteAsync(ToMicroseconds(reading.Timestamp), NpgsqlDbType.TimestampTz);
                await WriteDoubleAsync(importer, reading.ImportPowerW);
                await WriteDoubleAsync(importer, reading.ExportPowerW);
                await WriteDoubleAsync(importer, reading.ImportRegisterWh);
                await WriteDoubleAsync(importer, reading.ExportRegisterWh);
                await WriteDoubleAsync(importer, reading.VoltageV);
                await WriteDoubleAsync(importer, reading.CurrentA);
                await WriteDoubleAsync(importer, reading.PowerFactor);
                await WriteDoubleAsync(importer, reading.FrequencyHz);
                await importer.WriteAsync(stored.Late, NpgsqlDbType.Boolean);
                await importer.WriteAsync(ToMicroseconds(stored.ReceivedAt), NpgsqlDbType.TimestampTz);
            }
        }

        await importer.CompleteAsync();
        return seq;
    }

    private static Task WriteDoubleAsync(NpgsqlBinaryImporter importer, double? value) =>
        value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Double) : importer.WriteNullAsync();

    // PostgreSQL keeps microseconds; truncating here (as the wire format does) keeps what we store and what we report equal.
    private static DateTime ToMicroseconds(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }

    private sealed class PendingAppend(string meterId, IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken, ActivityContext trace)
    {
        /// <summary>The caller's trace context (default when nobody traces).</summary>
        public ActivityContext Trace { get; } = trace;

        public string MeterId { get; } = meterId;

        public IReadOnlyList<StoredReading> Readings { get; } = readings;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<StoredBatch> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
