using System.Text.Json;
using System.Threading.Channels;
using MeterGrains.Gateway.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Gateway.DeadLetters;

/// <summary>
/// The dead-letter store in the <c>dead_letters</c> table (migration 0007). <see cref="WriteAsync"/> never blocks
/// the receive path: it queues, and one background writer inserts batches, retrying while the database is away; the
/// task it returns completes once the dead letter's batch is committed. When the queue is full, a dead letter is logged
/// as an error and counted instead of stored, and its task says so (<c>false</c>).
/// </summary>
public sealed class PostgresDeadLetterStore : BackgroundService, IDeadLetterSink, IDeadLetterReader
{
    private const string InsertSql = """
        INSERT INTO dead_letters (received_at, stage, reason, meter_id, topic, reading, raw_payload)
        SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[])
        """;

    private const string ReadSql = """
        SELECT id, received_at, stage, reason, meter_id, topic, reading::text, raw_payload FROM dead_letters
        WHERE received_at >= $1 AND received_at < $2 AND ($3::text IS NULL OR meter_id = $3)
        ORDER BY received_at, id LIMIT $4
        """;

    private static readonly JsonSerializerOptions ReadingJson = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource _dataSource;
    private readonly DeadLetterStoreOptions _options;
    private readonly ILogger _logger;
    private readonly GatewayMetrics _metrics;
    private readonly Channel<QueuedLetter> _queue;
    private long _dropped;
    private long _stored;

    public PostgresDeadLetterStore(
        NpgsqlDataSource dataSource, IOptions<DeadLetterStoreOptions> options, GatewayMetrics metrics, ILogger<PostgresDeadLetterStore> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<QueuedLetter>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Dead letters stored so far.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Dead letters that found the queue full (logged, not stored).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public Task<bool> WriteAsync(DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var stage = StageName(deadLetter.Stage);
        var queued = new QueuedLetter(deadLetter, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_queue.Writer.TryWrite(queued))
        {
            _logger.Queued(stage, deadLetter.MeterId, deadLetter.Topic, deadLetter.Reason);
            return queued.Stored.Task;
        }

        _metrics.DeadLetterDropped(deadLetter.Stage);
        _logger.Dropped(_options.QueueCapacity, stage, deadLetter.MeterId, deadLetter.Topic, deadLetter.Reason, Interlocked.Increment(ref _dropped));
        return Task.FromResult(false);
    }

    public async ValueTask<IReadOnlyList<StoredDeadLetter>> ReadAsync(DeadLetterQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.From.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.To.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.MeterId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var letters = new List<StoredDeadLetter>();
        while (await reader.ReadAsync(ct))
        {
            letters.Add(new StoredDeadLetter(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : JsonDocument.Parse(reader.GetString(6)).RootElement.Clone(),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return letters;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // No new dead letters once stopping: the writer drains what is queued, until the host's stop deadline.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        var lost = 0;
        while (_queue.Reader.TryRead(out var letter))
        {
            letter.Stored.TrySetResult(false);
            lost++;
        }

        if (lost > 0)
        {
            _logger.LostAtStop(lost);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedLetter>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var letter))
                {
                    batch.Add(letter);
                }

                await InsertWithRetryAsync(batch, stoppingToken);
                foreach (var letter in batch)
                {
                    letter.Stored.TrySetResult(true);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The stop deadline passed while the database was away; StopAsync reports what is left in the queue.
            foreach (var letter in batch)
            {
                letter.Stored.TrySetResult(false);
            }

            _logger.LostAtStop(batch.Count);
        }
    }

    private async Task InsertWithRetryAsync(List<QueuedLetter> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await InsertAsync(batch, stoppingToken);
                Interlocked.Add(ref _stored, batch.Count);
                _metrics.DeadLettersStored(batch.Select(static l => l.Letter.Stage));
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                _logger.WriteFailed(batch.Count, delay, ex);
                await Task.Delay(delay, stoppingToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }

    private async Task InsertAsync(List<QueuedLetter> queued, CancellationToken ct)
    {
        var batch = queued.ConvertAll(static q => q.Letter);
        await using var command = _dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. batch.Select(l => l.ReceivedAt.ToUniversalTime())] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(l => StageName(l.Stage))] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(l => l.Reason)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(l => l.MeterId)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(l => l.Topic)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]>
        {
            TypedValue = [.. batch.Select(l => l.Reading is null ? null : JsonSerializer.Serialize(l.Reading, ReadingJson))],
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(l => Truncate(l.RawPayload))] });
        await command.ExecuteNonQueryAsync(ct);
    }

    private string? Truncate(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        // PostgreSQL text cannot hold NUL; a binary payload keeps its readable rest.
        var text = raw.Replace('\0', '\uFFFD');
        return text.Length <= _options.MaxRawPayloadChars ? text : string.Concat(text.AsSpan(0, _options.MaxRawPayloadChars), "…");
    }

    /// <summary>The stage as stored and served: lower-case words (<c>decode</c>, <c>grain</c>, <c>delivery</c>).</summary>
    public static string StageName(DeadLetterStage stage) => stage.ToString().ToLowerInvariant();

    /// <summary>A dead letter waiting for the writer, and the task that tells its writer's caller when it is on disk.</summary>
    private readonly record struct QueuedLetter(DeadLetter Letter, TaskCompletionSource<bool> Stored);
}
