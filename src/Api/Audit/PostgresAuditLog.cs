using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Api.Audit;

/// <summary>
/// The audit log in the <c>audit_log</c> table (migration 0012). <see cref="Record"/> only queues; one background
/// writer inserts whatever has queued up in one statement, retrying while the database is away. When the queue is
/// full an entry is logged as a warning and counted instead of stored.
/// </summary>
public sealed class PostgresAuditLog : BackgroundService, IAuditSink, IAuditReader
{
    private const string InsertSql = """
        INSERT INTO audit_log (at, actor, role, client_ip, method, path, status, note)
        SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])
        """;

    private const string ReadSql = """
        SELECT id, at, actor, role, client_ip, method, path, status, note FROM audit_log
        WHERE at >= $1 AND at < $2 ORDER BY at, id LIMIT $3
        """;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource _dataSource;
    private readonly AuditOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<AuditEntry> _queue;
    private long _dropped;

    public PostgresAuditLog(NpgsqlDataSource dataSource, IOptions<AuditOptions> options, ILogger<PostgresAuditLog> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public void Record(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_queue.Writer.TryWrite(entry))
        {
            _logger.AuditDropped(_options.QueueCapacity, entry.Actor, entry.ClientIp, entry.Method, entry.Path, entry.Status, Interlocked.Increment(ref _dropped));
        }
    }

    public async ValueTask<IReadOnlyList<StoredAuditEntry>> ReadAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<StoredAuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new StoredAuditEntry(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return entries;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests have stopped by now (the server stops first); the writer drains the queue until the stop deadline.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        if (_queue.Reader.Count > 0)
        {
            _logger.AuditLostAtStop(_queue.Reader.Count);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                await InsertWithRetryAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The stop deadline passed while the database was away; StopAsync reports what is left.
        }
    }

    private async Task InsertWithRetryAsync(List<AuditEntry> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await InsertAsync(batch, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                _logger.AuditWriteFailed(batch.Count, delay, ex);
                await Task.Delay(delay, stoppingToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }

    private async Task InsertAsync(List<AuditEntry> batch, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. batch.Select(e => e.At.ToUniversalTime())] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(e => e.Actor)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(e => e.Role)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.ClientIp)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Method)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => Clean(e.Path))] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(e => e.Status)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(e => e.Note is null ? null : Clean(e.Note))] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // PostgreSQL text cannot hold NUL, and a path is whatever the client sent.
    private static string Clean(string text) => text.Replace('\0', '\uFFFD');
}
