using Npgsql;

namespace MeterGrains.Silo.Database;

/// <summary>
/// Splits one silo's PostgreSQL connections between its two pools: the Orleans ADO.NET providers (membership, grain
/// state, reminders; Npgsql's connection-string pool) and MeterGrains' own data source (readings, buckets, alerts,
/// dead letters, devices, commands). Each pool would otherwise grow to Npgsql's default of 100 on its own, so an
/// activation storm could ask PostgreSQL for 200 connections and meet "too many clients" (its default
/// <c>max_connections</c> is 100). <c>Maximum Pool Size</c> in the connection string, when given, is the silo's
/// total; otherwise <see cref="DefaultTotal"/>. Callers beyond a pool's size wait for a connection instead of failing.
/// </summary>
public static class ConnectionBudget
{
    /// <summary>The silo's connections when the connection string names no maximum: room for a second silo's base load under PostgreSQL's default of 100.</summary>
    public const int DefaultTotal = 60;

    /// <summary>The smallest pool either side gets.</summary>
    public const int MinimumPerPool = 4;

    /// <summary>The connection strings of the Orleans providers and of the data source, each with its share.</summary>
    public static (string Orleans, string DataSource) Split(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var explicitMaximum = connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase);
        var total = explicitMaximum ? builder.MaxPoolSize : DefaultTotal;
        var orleans = Math.Max(MinimumPerPool, total / 2);
        var dataSource = Math.Max(MinimumPerPool, total - orleans);
        return (WithMaximum(builder, orleans), WithMaximum(builder, dataSource));
    }

    private static string WithMaximum(NpgsqlConnectionStringBuilder template, int maximum) =>
        new NpgsqlConnectionStringBuilder(template.ConnectionString) { MaxPoolSize = maximum, MinPoolSize = Math.Min(template.MinPoolSize, maximum) }.ConnectionString;
}
