namespace MeterGrains.Gateway.Decoding;

/// <summary>What a decoder made of one message: readings per meter, and what it refused.</summary>
/// <param name="Batches">Accepted readings grouped per meter; a meter appears at most once, readings in payload order.</param>
/// <param name="Rejections">Refused payload or elements, each with its reason.</param>
public sealed record DecodeResult(IReadOnlyList<MeterBatch> Batches, IReadOnlyList<DecodeRejection> Rejections)
{
    /// <summary>Nothing decoded and nothing refused (e.g. a message a stateful decoder only buffered).</summary>
    public static DecodeResult Empty { get; } = new([], []);

    /// <summary>The whole message refused for one reason.</summary>
    public static DecodeResult Rejected(DecodeRejection rejection) => new([], [rejection]);

    /// <summary>Number of accepted readings over all batches.</summary>
    public int ReadingCount => Batches.Sum(static b => b.Readings.Count);
}
