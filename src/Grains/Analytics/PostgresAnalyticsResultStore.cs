using MeterGrains.Live;
using Npgsql;
using NpgsqlTypes;

namespace MeterGrains.Analytics;

/// <summary>Processing results in the <c>analytics_results</c> table (migration 0010).</summary>
public sealed class PostgresAnalyticsResultStore(NpgsqlDataSource dataSource) : IAnalyticsResultStore
{
    private const string AppendSql = """
        INSERT INTO analytics_results (kind, subject, subject_kind, period_from, period_to, payload, severity, source, received_at)
        VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)
        RETURNING id
        """;

    private const string ReadSql = """
        SELECT id, kind, subject, subject_kind, period_from, period_to, payload::text, severity, source, received_at
        FROM analytics_results
        WHERE period_from < $2 AND period_to > $1 AND ($3::text IS NULL OR subject = $3) AND ($4::text IS NULL OR kind = $4)
        ORDER BY period_from, id LIMIT $5
        """;

    private const string MeterKind = "meter";
    private const string HouseholdKind = "household";

    public async ValueTask<AnalyticsResult> AppendAsync(AnalyticsSubmission submission, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await using var command = dataSource.CreateCommand(AppendSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = submission.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = submission.Subject.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = KindName(submission.Subject.Kind) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = submission.From.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = submission.To.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = submission.PayloadJson });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = submission.Severity });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = submission.Source });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = receivedAt.ToUniversalTime() });
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new AnalyticsResult(
            id, submission.Kind, submission.Subject, submission.From, submission.To, submission.PayloadJson, submission.Severity,
            submission.Source, receivedAt);
    }

    public async ValueTask<IReadOnlyList<AnalyticsResult>> ReadAsync(AnalyticsResultQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.From.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.To.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.SubjectId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Kind ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var results = new List<AnalyticsResult>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var subject = new LiveTopic(reader.GetString(3) == MeterKind ? LiveTopicKind.Meter : LiveTopicKind.Household, reader.GetString(2));
            results.Add(new AnalyticsResult(
                reader.GetInt64(0), reader.GetString(1), subject, reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return results;
    }

    private static string KindName(LiveTopicKind kind) => kind == LiveTopicKind.Meter ? MeterKind : HouseholdKind;
}
