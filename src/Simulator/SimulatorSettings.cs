namespace MeterGrains.Simulator;

/// <summary>What the simulator does, from its command line.</summary>
internal sealed record SimulatorSettings(string Host, int Port, int Meters, TimeSpan Interval, TimeSpan? Duration, string Prefix)
{
    public const string Usage = """
        MeterGrains fleet simulator: publishes generic JSON readings for N meters over MQTT.
          --meters N        number of meters (default 10)
          --interval S      seconds between two readings of one meter (default 5)
          --duration S      stop after S seconds (default: until Ctrl-C)
          --host H          broker host, loopback only (default 127.0.0.1)
          --port P          broker port (default 1883)
          --prefix P        meter id prefix (default sim)
        """;

    public static SimulatorSettings Parse(string[] args)
    {
        var settings = new SimulatorSettings("127.0.0.1", 1883, 10, TimeSpan.FromSeconds(5), null, "sim");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--meters" => settings with { Meters = PositiveInt(args[i], value) },
                "--interval" => settings with { Interval = TimeSpan.FromSeconds(PositiveDouble(args[i], value)) },
                "--duration" => settings with { Duration = TimeSpan.FromSeconds(PositiveDouble(args[i], value)) },
                "--host" => settings with { Host = value },
                "--port" => settings with { Port = PositiveInt(args[i], value) },
                "--prefix" => settings with { Prefix = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return settings;
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive whole number");

    private static double PositiveDouble(string name, string value) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive number");
}
