using System.Text.Json;
using System.Text.Json.Nodes;
using MeterGrains.Gateway.Mqtt;
using MeterGrains.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace MeterGrains.Integration.Tests.Deployment;

/// <summary>
/// What the rendered Kubernetes manifests must agree on with the silo: ports, probes, grace period, configuration keys,
/// and that Services, budgets and autoscalers find the pods they are meant for.
/// </summary>
public sealed class KubernetesManifestTests : IAsyncLifetime
{
    private static readonly string[] Overlays = ["dev", "prod"];
    private static readonly string[] Roles = ["grains", "gateway", "api"];

    private RenderedManifests _manifests = null!;

    public async Task InitializeAsync() => _manifests = await RenderedManifests.LoadAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Every_overlay_renders_and_validates()
    {
        // check.sh would have failed (and LoadAsync with it) on an object the API schemas refuse.
        Assert.Equal(Overlays, _manifests.Overlays.Keys.Order());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void One_deployment_per_role_runs_the_silo_in_that_role(string overlay)
    {
        var rendered = _manifests[overlay];
        var byRole = new Dictionary<string, string>();
        foreach (var deployment in rendered.SiloDeployments)
        {
            var component = RenderedOverlay.PodLabels(deployment)["app.kubernetes.io/component"];
            var roles = SiloRoles.Parse(rendered.Configuration(RenderedOverlay.SiloContainer(deployment))[SiloRoles.ConfigurationKey]);
            Assert.Equal(component, roles.ToString());
            byRole.Add(component, RenderedOverlay.NameOf(deployment));
        }

        Assert.Equal(Roles.Order(), byRole.Keys.Order());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Container_ports_are_the_ports_the_silo_is_configured_to_listen_on(string overlay)
    {
        var rendered = _manifests[overlay];
        foreach (var deployment in rendered.SiloDeployments)
        {
            var container = RenderedOverlay.SiloContainer(deployment);
            var config = rendered.Configuration(container);
            var silo = Bind<SiloOptions>(config, SiloOptions.SectionName);
            var mqtt = Bind<MqttOptions>(config, MqttOptions.SectionName);
            var roles = SiloRoles.Parse(config[SiloRoles.ConfigurationKey]);
            var where = $"{overlay} {RenderedOverlay.NameOf(deployment)}";

            var listening = new Dictionary<string, int>
            {
                ["http"] = KestrelPort(config, "Http", where),
                ["grpc"] = KestrelPort(config, "Grpc", where),
                ["orleans-silo"] = silo.SiloPort,
                ["orleans-gateway"] = silo.GatewayPort,
            };
            if (roles.Gateway && mqtt.Enabled)
            {
                listening["mqtt"] = mqtt.Port;
                if (!string.IsNullOrWhiteSpace(mqtt.Tls.CertificatePath))
                {
                    listening["mqtt-tls"] = mqtt.TlsPort;
                }
            }

            var declared = container["ports"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (int)p!["containerPort"]!);
            foreach (var (name, port) in declared)
            {
                Assert.True(listening.TryGetValue(name, out var configured), $"{where}: container port {name} ({port}) is nothing this silo listens on.");
                Assert.True(port == configured, $"{where}: container port {name} is {port}, the silo listens on {configured}.");
            }

            string[] required = [
                "http", "orleans-silo", "orleans-gateway",
                .. roles.Api ? ["grpc"] : Array.Empty<string>(),
                .. roles.Gateway ? [listening.ContainsKey("mqtt-tls") ? "mqtt-tls" : "mqtt"] : Array.Empty<string>()];
            foreach (var name in required)
            {
                Assert.True(declared.ContainsKey(name), $"{where}: no container port {name}.");
            }

            // Reached from other pods: nothing exposed may listen on loopback only.
            Assert.DoesNotContain(KestrelHost(config, "Http"), LoopbackHosts);
            Assert.DoesNotContain(KestrelHost(config, "Grpc"), LoopbackHosts);
            if (declared.ContainsKey("mqtt"))
            {
                Assert.DoesNotContain(mqtt.BindAddress, LoopbackHosts);
            }

            if (declared.ContainsKey("mqtt-tls"))
            {
                Assert.DoesNotContain(mqtt.Tls.BindAddress, LoopbackHosts);
                AssertMountedFromSecret(deployment, container, mqtt.Tls.CertificatePath!, where);
                AssertMountedFromSecret(deployment, container, mqtt.Tls.KeyPath ?? mqtt.Tls.CertificatePath!, where);
            }

            // Other silos reach this one at the address it advertises: the pod's.
            Assert.Equal(RenderedOverlay.PodIp, silo.AdvertisedAddress);
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Probes_ask_the_silos_health_endpoints_on_its_http_port(string overlay)
    {
        var rendered = _manifests[overlay];
        foreach (var deployment in rendered.SiloDeployments)
        {
            var container = RenderedOverlay.SiloContainer(deployment);
            Assert.Equal(HealthHostingExtensions.StartupPath, ProbePath(container, "startupProbe"));
            Assert.Equal(HealthHostingExtensions.ReadyPath, ProbePath(container, "readinessProbe"));
            Assert.Equal(HealthHostingExtensions.LivePath, ProbePath(container, "livenessProbe"));
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                Assert.Equal("http", (string?)container[probe]!["httpGet"]!["port"]);
            }
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_grace_period_outlasts_the_pre_stop_pause_and_the_hosts_shutdown_timeout(string overlay)
    {
        var rendered = _manifests[overlay];
        foreach (var deployment in rendered.SiloDeployments)
        {
            var container = RenderedOverlay.SiloContainer(deployment);
            var shutdown = Bind<ShutdownOptions>(rendered.Configuration(container), ShutdownOptions.SectionName);
            Assert.True(new ShutdownOptionsValidator().Validate(null, shutdown).Succeeded);
            var grace = (int?)RenderedOverlay.PodSpec(deployment)["terminationGracePeriodSeconds"]
                ?? 30; // Kubernetes' default when unset
            var preStop = (int?)container["lifecycle"]?["preStop"]?["sleep"]?["seconds"] ?? 0;

            // Today: 45 s > 5 s + 30 s. The kubelet sends SIGTERM after preStop; the host then has Shutdown:Timeout.
            Assert.True(
                grace > preStop + shutdown.Timeout.TotalSeconds,
                $"{overlay} {RenderedOverlay.NameOf(deployment)}: terminationGracePeriodSeconds {grace} must exceed preStop {preStop} s + Shutdown:Timeout {shutdown.Timeout.TotalSeconds} s.");
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_setting_given_to_a_silo_is_a_key_the_silo_reads(string overlay)
    {
        var rendered = _manifests[overlay];
        var unknown = rendered.SiloDeployments
            .SelectMany(d => rendered.Environment(RenderedOverlay.SiloContainer(d)).Select(s => (Deployment: RenderedOverlay.NameOf(d), Setting: s)))
            .Where(x => !SiloConfigurationKeys.IsKnown(x.Setting.ConfigurationKey))
            .Select(x => $"{x.Deployment}: {x.Setting.Name} (from {x.Setting.Source})")
            .ToList();
        Assert.True(unknown.Count == 0, $"{overlay}: settings no part of the silo reads:\n{string.Join('\n', unknown)}");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Secrets_the_overlay_renders_have_every_key_the_silos_take_from_them(string overlay)
    {
        var rendered = _manifests[overlay];
        foreach (var container in rendered.SiloDeployments.Select(RenderedOverlay.SiloContainer))
        {
            // Throws naming the key when a rendered Secret lacks it; Secrets provisioned beforehand (prod) are not rendered.
            var settings = rendered.Environment(container);
            Assert.All(settings.Where(s => s.Source.StartsWith("Secret ", StringComparison.Ordinal)), s => Assert.False(string.IsNullOrEmpty(s.Value)));
        }

        if (overlay == "dev")
        {
            // The dev overlay makes its secrets: the silo's own validation must accept them.
            var api = rendered.SiloDeployments.Single(d => RenderedOverlay.PodLabels(d)["app.kubernetes.io/component"] == "api");
            var config = rendered.Configuration(RenderedOverlay.SiloContainer(api));
            Assert.Equal(32, Convert.FromBase64String(config["Privacy:PersonalDataKey"]!).Length);
            Assert.True(config["Auth:ApiKeys:0:Key"]!.Length >= Api.Auth.ApiKeyOptions.MinimumKeyLength);
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Services_budgets_and_autoscalers_find_their_pods(string overlay)
    {
        var rendered = _manifests[overlay];
        foreach (var service in rendered.OfKind("Service"))
        {
            var selected = Selected(rendered, service["spec"]!["selector"]);
            Assert.True(selected.Count > 0, $"{overlay}: Service {RenderedOverlay.NameOf(service)} selects no pods.");
            foreach (var port in service["spec"]!["ports"]!.AsArray())
            {
                var target = port!["targetPort"];
                Assert.NotNull(target);
                foreach (var deployment in selected)
                {
                    var declared = RenderedOverlay.Containers(deployment).SelectMany(c => c["ports"]?.AsArray() ?? []).ToList();
                    Assert.True(
                        declared.Any(p => target.GetValueKind() == JsonValueKind.String
                            ? (string?)p!["name"] == (string)target!
                            : (int)p!["containerPort"]! == (int)target!),
                        $"{overlay}: Service {RenderedOverlay.NameOf(service)} targets port {target}, which {RenderedOverlay.NameOf(deployment)} does not declare.");
                }
            }
        }

        foreach (var deployment in rendered.SiloDeployments)
        {
            var budgets = rendered.OfKind("PodDisruptionBudget").Where(b => Selected(rendered, b["spec"]!["selector"]!["matchLabels"]).Contains(deployment)).ToList();
            Assert.Single(budgets);

            var antiAffinity = RenderedOverlay.PodSpec(deployment)["affinity"]?["podAntiAffinity"];
            var terms = (antiAffinity?["requiredDuringSchedulingIgnoredDuringExecution"]?.AsArray() ?? [])
                .Concat((antiAffinity?["preferredDuringSchedulingIgnoredDuringExecution"]?.AsArray() ?? []).Select(t => t!["podAffinityTerm"]));
            Assert.Contains(terms, t => IsSubset(RenderedOverlay.Labels(t!["labelSelector"]!["matchLabels"]), RenderedOverlay.PodLabels(deployment)));

            var requests = RenderedOverlay.SiloContainer(deployment)["resources"]?["requests"];
            Assert.NotNull(requests?["cpu"]);
            Assert.NotNull(requests?["memory"]);
        }

        var scaled = rendered.OfKind("HorizontalPodAutoscaler").Select(h => (string)h["spec"]!["scaleTargetRef"]!["name"]!).Order().ToList();
        Assert.Equal(["metergrains-api", "metergrains-gateway"], scaled);
        foreach (var name in scaled)
        {
            // With replicas in the Deployment, every apply would reset the count the autoscaler chose.
            Assert.Null(rendered.Find("Deployment", name)!["spec"]!["replicas"]);
        }
    }

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "::1", "[::1]"];

    private static T Bind<T>(IConfiguration config, string section)
        where T : new() => config.GetSection(section).Get<T>() ?? new T();

    private static string KestrelUrl(IConfiguration config, string endpoint) =>
        config[$"Kestrel:Endpoints:{endpoint}:Url"] ?? throw new InvalidOperationException($"Kestrel:Endpoints:{endpoint}:Url is not set.");

    private static int KestrelPort(IConfiguration config, string endpoint, string where)
    {
        var url = KestrelUrl(config, endpoint);
        // Kestrel's wildcard hosts (+, *) are no URI hosts: read the port after the last colon.
        Assert.True(int.TryParse(url[(url.LastIndexOf(':') + 1)..].TrimEnd('/'), out var port), $"{where}: no port in {url}");
        return port;
    }

    private static string KestrelHost(IConfiguration config, string endpoint)
    {
        var url = KestrelUrl(config, endpoint);
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        return url[start..url.LastIndexOf(':')];
    }

    private static string? ProbePath(JsonObject container, string probe) => (string?)container[probe]?["httpGet"]?["path"];

    private static void AssertMountedFromSecret(JsonObject deployment, JsonObject container, string path, string where)
    {
        var secretVolumes = (RenderedOverlay.PodSpec(deployment)["volumes"]?.AsArray() ?? [])
            .Where(v => v!["secret"] is not null).Select(v => (string)v!["name"]!).ToHashSet();
        var mounts = container["volumeMounts"]?.AsArray() ?? [];
        Assert.True(
            mounts.Any(m => secretVolumes.Contains((string)m!["name"]!) && path.StartsWith(((string)m["mountPath"]!).TrimEnd('/') + "/", StringComparison.Ordinal)),
            $"{where}: {path} is in no volume mounted from a Secret.");
    }

    private static List<JsonObject> Selected(RenderedOverlay rendered, JsonNode? selector)
    {
        var wanted = RenderedOverlay.Labels(selector);
        return wanted.Count == 0 ? [] : rendered.Deployments.Where(d => IsSubset(wanted, RenderedOverlay.PodLabels(d))).ToList();
    }

    private static bool IsSubset(Dictionary<string, string> subset, Dictionary<string, string> set) =>
        subset.All(p => set.TryGetValue(p.Key, out var v) && v == p.Value);
}
