using System.Text.Json;
using System.Text.RegularExpressions;
using MeterGrains.Integration.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace MeterGrains.Integration.Tests.Observability;

/// <summary>The Prometheus alert rules and the Grafana dashboard in ops/, and the metric names their queries use.</summary>
internal static partial class OpsFiles
{
    public static string AlertRulesPath { get; } = Path.Combine(RepositoryPaths.Root, "ops", "prometheus", "metergrains-alerts.yaml");

    public static string DashboardPath { get; } = Path.Combine(RepositoryPaths.Root, "ops", "grafana", "metergrains-dashboard.json");

    /// <summary>Each alerting rule: its name, expression, severity label and summary annotation (null when missing).</summary>
    public static IReadOnlyList<(string? Alert, string? Expr, string? Severity, string? Summary)> AlertRules()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(AlertRulesPath))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        return [.. ((YamlSequenceNode)root["groups"])
            .Cast<YamlMappingNode>()
            .SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            .Select(rule => (Scalar(rule, "alert"), Scalar(rule, "expr"), Scalar(rule, "labels", "severity"), Scalar(rule, "annotations", "summary")))];
    }

    /// <summary>Every query of every panel of the dashboard.</summary>
    public static IReadOnlyList<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        return [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)];
    }

    /// <summary>The MeterGrains and SignalR metric names a PromQL expression reads.</summary>
    public static IEnumerable<string> MetricNames(string expression) =>
        MetricName().Matches(expression).Select(m => m.Value).Distinct();

    /// <summary>The metric names present in a scrape (histograms by their _bucket, _sum and _count series).</summary>
    public static HashSet<string> ScrapedNames(string scrape) =>
        [.. scrape.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => ScrapedName().Match(l).Value)];

    private static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }

    [GeneratedRegex(@"\b(metergrains|signalr)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex ScrapedName();
}
