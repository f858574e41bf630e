using Npgsql;

namespace MeterGrains.Households;

/// <summary><see cref="IHouseholdDirectory"/> on the <c>household_directory</c> table (migration 0015).</summary>
public sealed class PostgresHouseholdDirectory(NpgsqlDataSource dataSource) : IHouseholdDirectory
{
    private const string UpsertSql = """
        INSERT INTO household_directory (household_id, type, occupants, time_zone, grid_meter_ids, production_meter_ids, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, now())
        ON CONFLICT (household_id) DO UPDATE SET
            type = EXCLUDED.type, occupants = EXCLUDED.occupants, time_zone = EXCLUDED.time_zone,
            grid_meter_ids = EXCLUDED.grid_meter_ids, production_meter_ids = EXCLUDED.production_meter_ids, updated_at = now()
        """;

    public async ValueTask UpsertAsync(string householdId, HouseholdDefinition definition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = householdId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = definition.Type });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = definition.Occupants });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = definition.TimeZone });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = MetersOf(definition, MeterRole.Grid) });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = MetersOf(definition, MeterRole.Production) });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string[] MetersOf(HouseholdDefinition definition, MeterRole role) =>
        [.. definition.Meters.Where(m => m.Role == role).Select(m => m.MeterId)];
}
