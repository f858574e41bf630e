using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace MeterGrains.Integration.Tests.Deployment;

/// <summary>The objects of one rendered overlay, and the configuration a silo container of it would see.</summary>
internal sealed class RenderedOverlay(string name, JsonArray objects)
{
    /// <summary>A pod IP standing in for <c>status.podIP</c>.</summary>
    public const string PodIp = "10.1.2.3";

    public string Name { get; } = name;

    public IEnumerable<JsonObject> All => objects.Select(o => o!.AsObject());

    public IEnumerable<JsonObject> OfKind(string kind) => All.Where(o => (string?)o["kind"] == kind);

    public IEnumerable<JsonObject> Deployments => OfKind("Deployment");

    /// <summary>The Deployments running the silo image (their container is named <c>silo</c>).</summary>
    public IEnumerable<JsonObject> SiloDeployments => Deployments.Where(d => Containers(d).Any(c => (string?)c["name"] == "silo"));

    public JsonObject? Find(string kind, string objectName) =>
        OfKind(kind).SingleOrDefault(o => (string?)o["metadata"]!["name"] == objectName);

    public static string NameOf(JsonObject o) => (string)o["metadata"]!["name"]!;

    public static IEnumerable<JsonObject> Containers(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject());

    public static JsonObject SiloContainer(JsonObject deployment) => Containers(deployment).Single(c => (string?)c["name"] == "silo");

    public static JsonObject PodSpec(JsonObject deployment) => deployment["spec"]!["template"]!["spec"]!.AsObject();

    public static Dictionary<string, string> PodLabels(JsonObject deployment) => Labels(deployment["spec"]!["template"]!["metadata"]!["labels"]);

    public static Dictionary<string, string> Labels(JsonNode? labels) =>
        labels?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];

    /// <summary>The container's environment as configuration keys (<c>__</c> read as <c>:</c>), the ConfigMaps it loads first.</summary>
    public IReadOnlyList<EnvironmentSetting> Environment(JsonObject container)
    {
        var settings = new List<EnvironmentSetting>();
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var mapName = (string)source!["configMapRef"]!["name"]!;
            var map = Find("ConfigMap", mapName) ?? throw new InvalidOperationException($"{Name}: envFrom names ConfigMap {mapName}, which is not rendered.");
            foreach (var (key, value) in map["data"]!.AsObject())
            {
                settings.Add(new EnvironmentSetting(key, (string?)value, $"ConfigMap {mapName}"));
            }
        }

        foreach (var entry in container["env"]?.AsArray() ?? [])
        {
            var name = (string)entry!["name"]!;
            var from = entry["valueFrom"];
            if (from is null)
            {
                settings.Add(new EnvironmentSetting(name, (string?)entry["value"] ?? string.Empty, "env"));
            }
            else if (from["fieldRef"] is { } field)
            {
                settings.Add(new EnvironmentSetting(name, (string)field["fieldPath"]! == "status.podIP" ? PodIp : "field", $"field {field["fieldPath"]}"));
            }
            else if (from["secretKeyRef"] is { } secretRef)
            {
                var secretName = (string)secretRef["name"]!;
                var key = (string)secretRef["key"]!;
                settings.Add(new EnvironmentSetting(name, SecretValue(secretName, key), $"Secret {secretName}/{key}"));
            }
            else
            {
                throw new InvalidOperationException($"{Name}: env {name} has a valueFrom this test does not know: {from.ToJsonString()}");
            }
        }

        return settings;
    }

    /// <summary>What the silo in <paramref name="container"/> reads: its appsettings files overlaid with the environment.</summary>
    public IConfiguration Configuration(JsonObject container)
    {
        var environment = Environment(container);
        var settings = environment.ToDictionary(s => s.ConfigurationKey, s => s.Value, StringComparer.OrdinalIgnoreCase);
        var hostEnvironment = settings.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var silo = Path.Combine(Infrastructure.RepositoryPaths.Root, "src", "Silo");
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(silo, "appsettings.json"), optional: false)
            .AddJsonFile(Path.Combine(silo, $"appsettings.{hostEnvironment}.json"), optional: true)
            .AddInMemoryCollection(settings)
            .Build();
    }

    /// <summary>The decoded value when the overlay renders the Secret; a placeholder for Secrets provisioned beforehand.</summary>
    private string SecretValue(string secretName, string key)
    {
        if (Find("Secret", secretName) is not { } secret)
        {
            return $"<{secretName}/{key}>";
        }

        var data = secret["data"]?[key] ?? throw new InvalidOperationException($"{Name}: Secret {secretName} has no key {key}.");
        return Encoding.UTF8.GetString(Convert.FromBase64String((string)data!));
    }
}

/// <summary>One environment variable of a container, where its value comes from.</summary>
internal sealed record EnvironmentSetting(string Name, string? Value, string Source)
{
    public string ConfigurationKey => Name.Replace("__", ":", StringComparison.Ordinal);
}
