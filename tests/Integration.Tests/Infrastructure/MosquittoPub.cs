namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>Debian's <c>mosquitto_pub</c> (mosquitto-clients), installed by scripts/mosquitto.sh when missing.</summary>
internal static class MosquittoPub
{
    private static readonly Lazy<Task> Installed = new(() =>
        ExternalCommand.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "mosquitto.sh"), "install"], TimeSpan.FromMinutes(5)));

    /// <summary>Publishes one message at QoS 1 with MQTT 5 (the broker assigns the client id) and waits for its acknowledgement.</summary>
    public static async Task PublishAsync(int port, string topic, string payload)
    {
        await Installed.Value;
        await ExternalCommand.RunAsync(
            "mosquitto_pub",
            ["-V", "5", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-m", payload],
            TimeSpan.FromSeconds(30));
    }
}
