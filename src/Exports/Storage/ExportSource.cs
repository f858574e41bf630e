using System.Data;
using MeterGrains.Exports.Files;
using Npgsql;

namespace MeterGrains.Exports.Storage;

/// <summary>
/// Streams one UTC day of an <see cref="ExportTable"/> from PostgreSQL batch by batch: Npgsql reads rows off the wire as
/// they are consumed, so memory holds one batch, whatever the size of the day.
/// </summary>
public sealed class ExportSource(NpgsqlDataSource dataSource)
{
    /// <summary>Reads the day's rows into <paramref name="batch"/>, calling <paramref name="flush"/> whenever it is full and at the end; returns the rows read.</summary>
    public async Task<long> ReadDayAsync(
        ExportTable table, DateOnly day, RowBatch batch, Func<RowBatch, CancellationToken, ValueTask> flush, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var command = dataSource.CreateCommand(table.SelectDaySql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start.AddDays(1) });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        long rows = 0;
        batch.Clear();
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(reader);
            rows++;
            if (batch.IsFull)
            {
                await flush(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await flush(batch, cancellationToken);
            batch.Clear();
        }

        return rows;
    }
}
