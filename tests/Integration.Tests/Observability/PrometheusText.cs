using System.Globalization;
using System.Text.RegularExpressions;

namespace MeterGrains.Integration.Tests.Observability;

/// <summary>Reads samples out of the Prometheus text exposition format (one sample a line: name{labels} value).</summary>
internal static partial class PrometheusText
{
    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/>; null when none.</summary>
    public static double? Sum(string text, string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var found = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.All(l => found.TryGetValue(l.Label, out var v) && v == l.Value))
            {
                sum = (sum ?? 0) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?\s*$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
