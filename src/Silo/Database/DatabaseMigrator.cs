using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MeterGrains.Silo.Database;

/// <summary>
/// Applies the numbered SQL files embedded as <c>Migrations.NNNN_name.sql</c> to PostgreSQL,
/// once each, in order, and records them in <c>schema_migrations</c>.
/// </summary>
/// <remarks>
/// A session-level advisory lock is held on one connection for the whole run, so silos that
/// start together migrate one after another; the later ones find nothing left to do.
/// Each file runs in its own transaction together with its bookkeeping row.
/// </remarks>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Key of the advisory lock every MeterGrains process takes while migrating ("MeterGrn").</summary>
    internal const long AdvisoryLockKey = 0x4D65_7465_7247_726E;

    private const string ResourcePrefix = "Migrations.";

    /// <summary>Applies every embedded migration not yet recorded in the database.</summary>
    /// <returns>The file names applied by this call, in order; empty when the schema was current.</returns>
    /// <exception cref="InvalidOperationException">
    /// A migration file is misnamed, or an applied migration's file has changed since it was applied.
    /// </exception>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) =>
        MigrateAsync(LoadMigrations(typeof(DatabaseMigrator).Assembly), cancellationToken);

    internal async Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        DatabaseLog.WaitingForMigrationLock(logger, AdvisoryLockKey);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations
                (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            VerifyApplied(migrations, applied);

            var appliedNow = new List<string>();
            foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken);
                appliedNow.Add(migration.Name);
            }

            DatabaseLog.SchemaCurrent(logger, migrations.Count, appliedNow.Count);
            return appliedNow;
        }
        finally
        {
            // The lock dies with the session anyway; unlocking returns a clean connection to the pool.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    /// <summary>Reads the embedded <c>Migrations.*.sql</c> resources of <paramref name="assembly"/>, ordered by number.</summary>
    internal static IReadOnlyList<Migration> LoadMigrations(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(Migration.Create(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return Order(migrations);
    }

    internal static IReadOnlyList<Migration> Order(IEnumerable<Migration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Migration number {duplicate.Key:D4} is used by more than one file: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return ordered;
    }

    private static void VerifyApplied(IReadOnlyList<Migration> migrations, Dictionary<int, AppliedMigration> applied)
    {
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var recorded) && recorded.Checksum != migration.Checksum)
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Name} was changed after it was applied (applied as '{recorded.Name}' with checksum " +
                    $"{recorded.Checksum}, the file now has {migration.Checksum}). Applied migrations must never be edited; " +
                    "add a new numbered migration instead.");
            }
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        DatabaseLog.ApplyingMigration(logger, migration.Name);
        var stopwatch = Stopwatch.StartNew();

        // A migration that succeeds with something left for an administrator (0017 without CREATEROLE) says so in a WARNING.
        void LogWarning(object sender, NpgsqlNoticeEventArgs e)
        {
            if (e.Notice.InvariantSeverity == "WARNING")
            {
                DatabaseLog.MigrationWarning(logger, migration.Name, e.Notice.MessageText);
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        connection.Notice += LogWarning;
        try
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
        }
        catch (PostgresException exception)
        {
            throw new InvalidOperationException($"Migration {migration.Name} failed: {exception.MessageText}", exception);
        }
        finally
        {
            connection.Notice -= LogWarning;
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        DatabaseLog.AppliedMigration(logger, migration.Name, stopwatch.ElapsedMilliseconds);
    }

    private static async Task<Dictionary<int, AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, AppliedMigration>();
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = new AppliedMigration(reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        // Migrations may legitimately run for a long time (index builds); the caller's token bounds them.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record AppliedMigration(string Name, string Checksum);

    /// <summary>One migration file: <c>NNNN_name.sql</c>, its SQL text and the SHA-256 of that text.</summary>
    internal sealed partial record Migration(int Version, string Name, string Sql, string Checksum)
    {
        public static Migration Create(string fileName, string sql)
        {
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Migration file '{fileName}' is not named NNNN_name.sql (four digits, an underscore, lowercase letters, digits or underscores).");
            }

            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            return new Migration(int.Parse(match.Groups["version"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture), fileName, sql, checksum);
        }

        [GeneratedRegex(@"^(?<version>\d{4})_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
        private static partial Regex FileNamePattern();
    }
}
