namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>Debian's <c>mosquitto_pub</c> (mosquitto-clients), installed by scripts/mosquitto.sh when missing.</summary>
internal static class MosquittoPub
{
    private static readonly Lazy<Task> Installed = new(() =>
        ExternalCommand.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "mosquitto.sh"), "install"], TimeSpan.FromMinutes(5)));

    /// <summary>
    /// Publishes one message at QoS 1 with MQTT 5 (the broker assigns the client id) and waits for its acknowledgement;
    /// <paramref name="retain"/> publishes it retained (<c>-r</c>), as a device's last will is.
    /// </summary>
    public static async Task PublishAsync(int port, string topic, string payload, bool retain = false)
    {
        await Installed.Value;
        await RunAsync(["-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-m", payload, .. (retain ? ["-r"] : Array.Empty<string>())]);
    }

    private static async Task RunAsync(IReadOnlyList<string> arguments)
    {
        await Installed.Value;
        await ExternalCommand.RunAsync("mosquitto_pub", ["-V", "5", "-h", "127.0.0.1", .. arguments], TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Runs <c>mosquitto_pub -V 5</c> with <paramref name="arguments"/> (host, port, credentials, TLS, …) to the end and
    /// returns its exit code and what it printed, for publishes the broker may refuse.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(IReadOnlyList<string> arguments)
    {
        await Installed.Value;
        return await ExternalCommand.RunToEndAsync("mosquitto_pub", ["-V", "5", .. arguments], TimeSpan.FromSeconds(30));
    }
}
