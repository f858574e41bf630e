using MeterGrains.Api.Energy;
using MeterGrains.Energy;

namespace MeterGrains.Api.Tests.Energy;

public sealed class EnergyQueryParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_limit_is_a_leap_year_of_quarter_hours()
    {
        Assert.Equal(366 * 96, EnergyQueryParser.MaxBuckets); // 35,136
    }

    [Fact]
    public void Exactly_one_leap_year_of_quarter_hours_is_one_request()
    {
        // 2024 is a leap year: 2024-01-01 to 2025-01-01 is 366 days × 96 = 35,136 quarter-hours, the limit itself.
        var query = EnergyQueryParser.Parse("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "15m", "UTC", Now, out var problem);

        Assert.Null(problem);
        Assert.NotNull(query);
        Assert.Equal(35_136, BucketGrid.Count(query.From, query.To, query.Interval, TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_quarter_hour_more_gets_a_problem_naming_the_limit()
    {
        // 366 days and 15 minutes: 35,137 quarter-hours, one above the limit.
        var query = EnergyQueryParser.Parse("2024-01-01T00:00:00Z", "2025-01-01T00:15:00Z", "15m", "UTC", Now, out var problem);

        Assert.Null(query);
        Assert.Equal(
            "from 2024-01-01T00:00:00Z to 2025-01-01T00:15:00Z holds 35137 buckets of 15m; at most 35136 per request: "
            + "narrow from/to or use a coarser interval",
            problem);
    }

    [Fact]
    public void Hours_and_days_over_366_days_are_refused_by_the_range()
    {
        // 367 days of hours are 8,808 buckets, under the bucket limit, but over the range limit.
        var hours = EnergyQueryParser.Parse("2024-01-01T00:00:00Z", "2025-01-02T00:00:00Z", "1h", "UTC", Now, out var hourProblem);
        var days = EnergyQueryParser.Parse("2024-01-01T00:00:00Z", "2025-01-02T00:00:00Z", "1d", "UTC", Now, out var dayProblem);

        Assert.Equal((null, null), (hours, days));
        Assert.Contains("spans more than 366 days", hourProblem);
        Assert.Contains("spans more than 366 days", dayProblem);
    }
}
