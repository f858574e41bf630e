namespace MeterGrains.Live;

/// <summary>What a dashboard can watch: one meter or one household.</summary>
/// <param name="Kind">Meter or household.</param>
/// <param name="Id">The meter or household id.</param>
[GenerateSerializer, Immutable, Alias("MeterGrains.LiveTopic")]
public sealed record LiveTopic([property: Id(0)] LiveTopicKind Kind, [property: Id(1)] string Id)
{
    public static LiveTopic Meter(string meterId) => new(LiveTopicKind.Meter, meterId);

    public static LiveTopic Household(string householdId) => new(LiveTopicKind.Household, householdId);

    /// <summary>A name that is unique across kinds, e.g. <c>meter:m1</c> (the SignalR group of the topic).</summary>
    public override string ToString() => Kind == LiveTopicKind.Meter ? $"meter:{Id}" : $"household:{Id}";
}
