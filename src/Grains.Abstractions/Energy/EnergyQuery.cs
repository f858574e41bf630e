namespace MeterGrains.Energy;

/// <summary>
/// A validated request for energy buckets over <c>[From, To)</c>. <c>From</c> and <c>To</c> are bucket boundaries of
/// <see cref="Interval"/> (see <see cref="BucketGrid"/>); days are those of the IANA time zone <see cref="TimeZone"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("MeterGrains.EnergyQuery")]
public sealed record EnergyQuery(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] EnergyInterval Interval,
    [property: Id(3)] string TimeZone);
