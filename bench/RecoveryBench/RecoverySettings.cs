using System.Globalization;

namespace MeterGrains.Bench;

/// <summary>The command line of the recovery benchmark.</summary>
public sealed record RecoverySettings
{
    public const string Usage = """
        usage: RecoveryBench [options]   (admin connection string in METERGRAINS_BENCH_POSTGRES)
          --meters N         meters activated before the kill (default 100000)
          --readings R       readings per meter (default 10, every 10 s, the last one about now)
          --batch K          readings per MQTT message (default 5; R must be a multiple of K)
          --connections C    MQTT connections the meters are spread over (default 1000)
          --max-in-flight M  unacknowledged QoS 1 publishes at once (default 4000)
          --kill-at F        SIGKILL once this share of the last round's messages is acknowledged (default 0.5)
          --concurrency Q    meters asked at once after the restart, over as many HTTP connections (default 64)
          --deadline S       give up waiting for every meter to answer after S seconds (default 300)
        """;

    public int Meters { get; init; } = 100_000;
    public int Readings { get; init; } = 10;
    public int Batch { get; init; } = 5;
    public int Connections { get; init; } = 1000;
    public int MaxInFlight { get; init; } = 4000;
    public double KillAt { get; init; } = 0.5;
    public int Concurrency { get; init; } = 64;
    public int DeadlineSeconds { get; init; } = 300;

    public int Rounds => Readings / Batch;

    public static RecoverySettings Parse(string[] args)
    {
        var settings = new RecoverySettings();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--meters" => settings with { Meters = Whole(args[i], value, 1, 1_000_000) },
                "--readings" => settings with { Readings = Whole(args[i], value, 1, 10_000) },
                "--batch" => settings with { Batch = Whole(args[i], value, 1, 1000) },
                "--connections" => settings with { Connections = Whole(args[i], value, 1, 10_000) },
                "--max-in-flight" => settings with { MaxInFlight = Whole(args[i], value, 1, 65_000) },
                "--kill-at" => settings with { KillAt = Share(args[i], value) },
                "--concurrency" => settings with { Concurrency = Whole(args[i], value, 1, 1000) },
                "--deadline" => settings with { DeadlineSeconds = Whole(args[i], value, 1, 3600) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings.Readings % settings.Batch == 0
            ? settings
            : throw new ArgumentException($"--readings ({settings.Readings}) must be a multiple of --batch ({settings.Batch})");
    }

    private static int Whole(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max} (is '{value}')");

    private static double Share(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is >= 0 and <= 1
            ? f
            : throw new ArgumentException($"{name} must be a number from 0 to 1 (is '{value}')");
}
