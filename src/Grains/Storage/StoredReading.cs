using MeterGrains.Meters;

namespace MeterGrains.Storage;

/// <summary>A reading as it is stored: the reading itself, whether it came too late to be integrated, and when it arrived.</summary>
/// <param name="Reading">The reading (its <see cref="MeterReading.Timestamp"/> is stored with microsecond precision).</param>
/// <param name="Late">True when the reading came after the reorder window and did not change the integrals.</param>
/// <param name="ReceivedAt">When the cloud received the reading.</param>
public sealed record StoredReading(MeterReading Reading, bool Late, DateTimeOffset ReceivedAt);
