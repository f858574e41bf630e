using MeterGrains.Api.Retention;
using MeterGrains.Gateway.DeadLetters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeterGrains.Api.DeadLetters;

/// <summary>
/// Deletes dead letters received more than <c>DeadLetters:RetentionDays</c> ago: they hold whatever devices (or anyone
/// with credentials) sent, and a device that keeps sending bad payloads must not grow the table for ever.
/// </summary>
public sealed class DeadLetterRetentionSweeper(
    NpgsqlDataSource dataSource, IOptions<DeadLetterStoreOptions> options, TimeProvider clock, ILogger<DeadLetterRetentionSweeper> logger)
    : AgedRowsSweeper(dataSource, clock, logger, "dead_letters", "received_at")
{
    protected override int RetentionDays => options.Value.RetentionDays;

    protected override TimeSpan SweepInterval => options.Value.RetentionSweepInterval;

    protected override string RetentionKey => "DeadLetters:RetentionDays";
}
