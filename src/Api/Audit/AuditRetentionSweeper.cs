using MeterGrains.Api.Retention;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Api.Audit;

/// <summary>Deletes audit entries older than <c>Audit:RetentionDays</c> (they hold client addresses, personal data).</summary>
public sealed class AuditRetentionSweeper(
    NpgsqlDataSource dataSource, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetentionSweeper> logger)
    : AgedRowsSweeper(dataSource, clock, logger, "audit_log", "at")
{
    protected override int RetentionDays => options.Value.RetentionDays;

    protected override TimeSpan SweepInterval => options.Value.RetentionSweepInterval;

    protected override string RetentionKey => "Audit:RetentionDays";
}
