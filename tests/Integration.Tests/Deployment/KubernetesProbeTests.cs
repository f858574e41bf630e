using System.Net;
using MeterGrains.Integration.Tests.EndToEnd;

namespace MeterGrains.Integration.Tests.Deployment;

/// <summary>The paths the Kubernetes probes ask for answer on a running silo.</summary>
[Collection(SingleSiloCollection.Name)]
public sealed class KubernetesProbeTests(SingleSiloFixture fixture)
{
    [Fact]
    public async Task Every_probe_path_in_the_manifests_answers_healthy_on_a_running_silo()
    {
        var manifests = await RenderedManifests.LoadAsync();
        var paths = manifests.Overlays.Values
            .SelectMany(o => o.SiloDeployments.Select(RenderedOverlay.SiloContainer))
            .SelectMany(c => new[] { "startupProbe", "readinessProbe", "livenessProbe" }.Select(p => (string?)c[p]?["httpGet"]?["path"]))
            .OfType<string>()
            .Distinct()
            .Order()
            .ToList();
        Assert.Equal(["/health/live", "/health/ready", "/health/startup"], paths);

        foreach (var path in paths)
        {
            using var response = await fixture.Silo.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}.");
        }
    }
}
