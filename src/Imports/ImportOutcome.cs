namespace MeterGrains.Imports;

/// <summary>An import's summary, or the reason the upload is not a CSV file of either shape.</summary>
public sealed record ImportOutcome(ImportSummary? Summary, string? Problem)
{
    public static ImportOutcome NotCsv(string problem) => new(null, problem);
}
