namespace MeterGrains.Gateway.Decoding;

/// <summary>What a decoder made of one message: readings per meter, device presence reports, and what it refused.</summary>
/// <param name="Batches">Accepted readings grouped per meter; a meter appears at most once, readings in payload order.</param>
/// <param name="Rejections">Refused payload or elements, each with its reason.</param>
public sealed record DecodeResult(IReadOnlyList<MeterBatch> Batches, IReadOnlyList<DecodeRejection> Rejections)
{
    /// <summary>Nothing decoded and nothing refused (e.g. a message a stateful decoder only buffered).</summary>
    public static DecodeResult Empty { get; } = new([], []);

    /// <summary>The whole message refused for one reason.</summary>
    public static DecodeResult Rejected(DecodeRejection rejection) => new([], [rejection]);

    /// <summary>What devices said about themselves (Shelly <c>online</c>), one report per meter; usually none.</summary>
    public IReadOnlyList<MeterPresenceReport> PresenceReports { get; init; } = [];

    /// <summary>Number of accepted readings over all batches.</summary>
    public int ReadingCount => Batches.Sum(static b => b.Readings.Count);
}
