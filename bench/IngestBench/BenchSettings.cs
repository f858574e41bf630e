using System.Globalization;

namespace MeterGrains.Bench;

/// <summary>The command line of the ingest benchmark.</summary>
public sealed record BenchSettings
{
    public const string Usage = """
        usage: IngestBench [options]   (admin connection string in METERGRAINS_BENCH_POSTGRES)
          --seconds S        length of each measured run (default 20)
          --meters N         simulated meters (default 20000)
          --rate R           offered readings per second (default 40000: 2 per meter per second, more than the pipeline takes)
          --warmup S         a run of S seconds before each measured one, to activate the meters and warm the JIT (default 5)
          --batch K          readings per message; 1 compares with the broker alone, more with a binary COPY (default 1)
          --max-in-flight M  unacknowledged QoS 1 publishes the simulator keeps open (default 4000)
          --connections C    MQTT connections the meters are spread over (default 1000: devices have one each, and a
                             broker answers one connection's QoS 1 publishes in order)
          --profile S        sample the silo's CPU with perf for S seconds of the measured run and print where it went, by
                             pipeline stage (default 0: off; needs perf, and makes the silo write a perf map)
          --repo DIR         repository root with the silo and simulator built in Release (default: found from here)
        """;

    public int Seconds { get; init; } = 20;
    public int Meters { get; init; } = 20_000;
    public double Rate { get; init; } = 40_000;
    public int Warmup { get; init; } = 5;
    public int Batch { get; init; } = 1;
    public int MaxInFlight { get; init; } = 4000;
    public int Connections { get; init; } = 1000;
    public int ProfileSeconds { get; init; }
    public string RepositoryRoot { get; init; } = FindRepositoryRoot();

    public string SiloDll => Path.Combine(RepositoryRoot, "src/Silo/bin/Release/net10.0/MeterGrains.Silo.dll");
    public string SimulatorDll => Path.Combine(RepositoryRoot, "src/Simulator/bin/Release/net10.0/MeterGrains.Simulator.dll");

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--seconds" => settings with { Seconds = Whole(args[i], value, 1, 3600) },
                "--meters" => settings with { Meters = Whole(args[i], value, 1, 1_000_000) },
                "--warmup" => settings with { Warmup = Whole(args[i], value, 0, 600) },
                "--rate" => settings with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--batch" => settings with { Batch = Whole(args[i], value, 1, 1000) },
                "--max-in-flight" => settings with { MaxInFlight = Whole(args[i], value, 1, 65_000) },
                "--connections" => settings with { Connections = Whole(args[i], value, 1, 10_000) },
                "--profile" => settings with { ProfileSeconds = Whole(args[i], value, 0, 600) },
                "--repo" => settings with { RepositoryRoot = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }

    private static int Whole(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max} (is '{value}')");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MeterGrains.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
