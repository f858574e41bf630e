namespace MeterGrains.Live;

[GenerateSerializer, Alias("MeterGrains.LiveTopicKind")]
public enum LiveTopicKind
{
    Meter,
    Household,
}
