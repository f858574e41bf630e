namespace MeterGrains.Integration.Tests.Observability;

/// <summary>The Prometheus alert rules in ops/prometheus parse and cover what operations must hear about.</summary>
public sealed class AlertRulesTests
{
    [Fact]
    public void Alert_rules_parse_and_cover_silent_gateways_dead_letters_and_ingest_lag()
    {
        var rules = OpsFiles.AlertRules();
        Assert.All(rules, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Alert));
            Assert.False(string.IsNullOrWhiteSpace(rule.Expr), $"{rule.Alert} has no expr");
            Assert.Contains(rule.Severity, new[] { "critical", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(rule.Summary), $"{rule.Alert} has no summary");
        });
        Assert.Equal(rules.Count, rules.Select(r => r.Alert).Distinct().Count());

        string ReadBy(string metric) => string.Join(", ", rules.Where(r => r.Expr!.Contains(metric, StringComparison.Ordinal)).Select(r => r.Alert));
        Assert.Contains("Silent", ReadBy("metergrains_messages_received_total"), StringComparison.Ordinal);
        Assert.Contains("DeadLetter", ReadBy("metergrains_dead_letters_stored_total"), StringComparison.Ordinal);
        Assert.Contains("IngestLag", ReadBy("metergrains_ingest_lag_seconds_bucket"), StringComparison.Ordinal);
    }
}
