using Microsoft.Extensions.Logging;

namespace MeterGrains.Silo.Database;

internal static partial class DatabaseLog
{
    [LoggerMessage(1, LogLevel.Debug, "Waiting for the schema migration lock {LockKey}")]
    public static partial void WaitingForMigrationLock(ILogger logger, long lockKey);

    [LoggerMessage(2, LogLevel.Information, "Applying migration {Migration}")]
    public static partial void ApplyingMigration(ILogger logger, string migration);

    [LoggerMessage(3, LogLevel.Information, "Applied migration {Migration} in {ElapsedMilliseconds} ms")]
    public static partial void AppliedMigration(ILogger logger, string migration, long elapsedMilliseconds);

    [LoggerMessage(4, LogLevel.Information, "Database schema is current: {Known} migrations known, {Applied} applied now")]
    public static partial void SchemaCurrent(ILogger logger, int known, int applied);

    [LoggerMessage(5, LogLevel.Warning, "Migration {Migration} warns: {Message}")]
    public static partial void MigrationWarning(ILogger logger, string migration, string message);
}
