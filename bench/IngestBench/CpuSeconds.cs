using System.Globalization;

namespace MeterGrains.Bench;

/// <summary>
/// CPU time used so far by processes, read from <c>/proc/&lt;pid&gt;/stat</c> (user + system, clock ticks of 1/100 s),
/// so the benchmark can say which process a 2-core machine spends itself on.
/// </summary>
public static class CpuSeconds
{
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds of one process; 0 when it is gone.</summary>
    public static double Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name in parentheses, which may itself hold spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds of every process whose command name is <paramref name="name"/> (e.g. all PostgreSQL backends).</summary>
    public static double OfAllNamed(string name) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(d => int.TryParse(d, out _))
            .Where(d => ReadName(d!) == name)
            .Sum(d => Of(int.Parse(d!, CultureInfo.InvariantCulture)));

    /// <summary>
    /// CPU seconds of a process and its direct children, e.g. one PostgreSQL server (postmaster and backends), leaving
    /// out other servers on a shared machine. Children that have exited are no longer counted.
    /// </summary>
    public static double OfProcessAndChildren(int pid) =>
        Of(pid) + Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(d => int.TryParse(d, out _))
            .Select(d => int.Parse(d!, CultureInfo.InvariantCulture))
            .Where(child => ParentOf(child) == pid)
            .Sum(Of);

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string? ReadName(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
