using Microsoft.Extensions.Logging;

namespace MeterGrains.Households;

internal static partial class HouseholdLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Alert {Kind} for household {HouseholdId} at {Ts:O}")]
    public static partial void AlertRaised(ILogger logger, string kind, string householdId, DateTimeOffset ts);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Alert {Kind} for household {HouseholdId} could not be stored; it is retried with the next flow update")]
    public static partial void AlertNotStored(ILogger logger, Exception exception, string kind, string householdId);
}
