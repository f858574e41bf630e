using MeterGrains.Analytics;
using MeterGrains.Live;

namespace MeterGrains.Grains.Tests.Analytics;

public sealed class AnalyticsAlertsTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void A_result_becomes_an_alert_about_its_subject_at_the_time_it_was_stored()
    {
        var alert = AnalyticsAlerts.From(Result("""{"score":0.93,"message":"Night-time base load doubled"}"""));
        Assert.Equal("anomaly", alert.Kind);
        Assert.Equal("m1", alert.Subject);
        Assert.Equal("warning", alert.Severity);
        Assert.Equal("Night-time base load doubled", alert.Message);
        Assert.Equal(ReceivedAt, alert.Ts);
    }

    [Theory]
    [InlineData("""{"score":0.93}""")]
    [InlineData("""{"message":42}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"message":""}""")]
    public void Without_a_message_string_the_alert_names_kind_source_and_period(string payload)
    {
        Assert.Equal("anomaly from forecaster for 2026-11-22T02:00:00Z to 2026-11-22T02:15:00Z", AnalyticsAlerts.From(Result(payload)).Message);
    }

    [Fact]
    public void A_long_message_is_cut_to_500_characters()
    {
        var message = new string('a', 499) + "bc";
        Assert.Equal(new string('a', 499) + "b", AnalyticsAlerts.From(Result($$"""{"message":"{{message}}"}""")).Message);
    }

    private static AnalyticsResult Result(string payload) => new(
        7, "anomaly", LiveTopic.Meter("m1"), new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 22, 2, 15, 0, TimeSpan.Zero), payload, "warning", "forecaster", ReceivedAt);
}
