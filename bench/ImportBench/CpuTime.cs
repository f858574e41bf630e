using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace MeterGrains.Bench;

/// <summary>
/// CPU time spent by this process and by the PostgreSQL backends serving the bench database: the work an import costs,
/// which, unlike wall time, a busy shared machine does not inflate. Linux only (/proc/&lt;pid&gt;/stat).
/// </summary>
internal static class CpuTime
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    public static TimeSpan Client() => Process.GetCurrentProcess().TotalProcessorTime;

    public static async Task<TimeSpan> BackendsAsync(string connectionString, string database)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
        var total = TimeSpan.Zero;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            total += Of(reader.GetInt32(0));
        }

        return total;
    }

    private static TimeSpan Of(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        // The command name in parentheses may hold spaces: fields after it start at ") ".
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
