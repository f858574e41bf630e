using System.Globalization;
using System.Net;

namespace MeterGrains.Simulator;

/// <summary>What the simulator does, from its command line.</summary>
internal sealed record SimulatorSettings
{
    public const string Usage = """
        MeterGrains fleet simulator: N households publishing meter readings over MQTT, then a summary.
          --meters N          number of meters (default 10)
          --format F          generic | shelly-gen1 | shelly-gen2 (default generic)
          --rate R            readings per second across the fleet (default: each meter every --interval)
          --interval S        seconds between two readings of one meter, when no --rate (default 5)
          --duration S        stop after S seconds (default 3600)
          --batch K           generic only: K readings of one meter per message, a JSON array (default 1)
          --qos Q             0 or 1 (default 1)
          --max-in-flight M   most publishes awaiting their acknowledgement (default 1000)
          --connections C     MQTT connections the meters are spread over, as devices each have their own (default 1)
          --host H            broker host, loopback only (default 127.0.0.1)
          --port P            broker port (default 1883)
          --username U, --password W   MQTT credentials for every device (default none)
          --seed S            fleet seed: the same seed gives the same households and device ids (default 1)
          --anomalies A       chance per reading of a spike, dropout or register reset, 0–1 (default 0.001)
          --prefix P          generic meter id prefix (default sim)
        """;

    /// <summary>Above this a meter's readings would come closer than 10 ms, the resolution of a Gen2 timestamp.</summary>
    public const double MaxReadingsPerMeterPerSecond = 100;

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    public int Meters { get; init; } = 10;

    public string Format { get; init; } = FormatNames.Generic;

    public double? RatePerSecond { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    public int Batch { get; init; } = 1;

    public int Qos { get; init; } = 1;

    public int MaxInFlight { get; init; } = 1000;

    /// <summary>MQTT connections the meters are spread over (meter k on connection k mod C).</summary>
    public int Connections { get; init; } = 1;

    public string? Username { get; init; }

    public string? Password { get; init; }

    public int Seed { get; init; } = 1;

    public double AnomalyRate { get; init; } = 0.001;

    public string Prefix { get; init; } = "sim";

    /// <summary>Readings per second across the fleet: <c>--rate</c>, else one per meter per interval.</summary>
    public double Rate => RatePerSecond ?? Meters / Interval.TotalSeconds;

    public static SimulatorSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new SimulatorSettings();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{name} needs a value");
            settings = name switch
            {
                "--meters" => settings with { Meters = Whole(name, value, 1, 16_000_000) },
                "--format" => settings with { Format = FormatNames.All.Contains(value) ? value : throw new ArgumentException($"--format must be one of {string.Join(", ", FormatNames.All)}") },
                "--rate" => settings with { RatePerSecond = Number(name, value, 0.001, 10_000_000) },
                "--interval" => settings with { Interval = TimeSpan.FromSeconds(Number(name, value, 0.01, 86_400)) },
                "--duration" => settings with { Duration = TimeSpan.FromSeconds(Number(name, value, 0.1, 7 * 86_400)) },
                "--batch" => settings with { Batch = Whole(name, value, 1, 10_000) },
                "--qos" => settings with { Qos = Whole(name, value, 0, 1) },
                "--max-in-flight" => settings with { MaxInFlight = Whole(name, value, 1, 65_535) },
                "--connections" => settings with { Connections = Whole(name, value, 1, 10_000) },
                "--host" => settings with { Host = IsLoopback(value) ? value : throw new ArgumentException("--host must be a loopback address (load runs only against this machine)") },
                "--port" => settings with { Port = Whole(name, value, 1, 65_535) },
                "--username" => settings with { Username = value },
                "--password" => settings with { Password = value },
                "--seed" => settings with { Seed = Whole(name, value, int.MinValue, int.MaxValue) },
                "--anomalies" => settings with { AnomalyRate = Number(name, value, 0, 1) },
                "--prefix" => settings with { Prefix = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return settings.Validated();
    }

    private SimulatorSettings Validated()
    {
        if (Batch > 1 && Format != FormatNames.Generic)
        {
            throw new ArgumentException("--batch applies only to --format generic");
        }

        if (Password is not null && Username is null)
        {
            throw new ArgumentException("--password needs --username");
        }

        if (Rate / Meters > MaxReadingsPerMeterPerSecond)
        {
            throw new ArgumentException(
                $"--rate {Rate:0.###} over {Meters} meters gives each meter {Rate / Meters:0.#} readings/s; at most {MaxReadingsPerMeterPerSecond:0} (raise --meters)");
        }

        return this;
    }

    private static bool IsLoopback(string host) =>
        IPAddress.TryParse(host, out var address) ? IPAddress.IsLoopback(address) : string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

    private static int Whole(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}");

    private static double Number(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a number from {min} to {max}");
}
