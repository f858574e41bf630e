namespace MeterGrains.Imports;

/// <summary>Limits of the CSV import, bound from the <c>Imports</c> configuration section.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Imports";

    /// <summary>Largest upload in bytes (<c>Imports:MaxUploadBytes</c>); larger ones get 413. Default 1 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Longest line in bytes (<c>Imports:MaxLineBytes</c>); a longer line is rejected unread. Default 4096.</summary>
    public int MaxLineBytes { get; set; } = 4096;

    /// <summary>Rejected rows listed with their line number in the answer (<c>Imports:MaxErrorsListed</c>). Default 20.</summary>
    public int MaxErrorsListed { get; set; } = 20;

    /// <summary>Anomalies listed per channel in the answer (<c>Imports:MaxAnomaliesListed</c>). Default 50.</summary>
    public int MaxAnomaliesListed { get; set; } = 50;

    /// <summary>Channels (sub-meters) one import may have (<c>Imports:MaxChannels</c>). Default 1000.</summary>
    public int MaxChannels { get; set; } = 1000;

    /// <summary>
    /// Whether an import's transactions wait for the WAL flush (<c>Imports:SynchronousCommit</c>). Default true: the
    /// answer means the rows are durable. False saves the flush wait (PostgreSQL's <c>synchronous_commit = off</c> for
    /// these transactions only): a crash may lose the last imports' rows, never corrupt them, and the same file can be
    /// sent again.
    /// </summary>
    public bool SynchronousCommit { get; set; } = true;

    /// <summary>
    /// Rows stored per transaction (<c>Imports:StoreBatchRows</c>). Default 10000. A full batch is stored while the
    /// next one is parsed.
    /// </summary>
    public int StoreBatchRows { get; set; } = 10_000;

    /// <summary>
    /// Batches of one import stored at the same time, each on its own connection (<c>Imports:StoreConcurrency</c>).
    /// Default 1: one batch is stored while the next is parsed. More cost PostgreSQL a transaction each and paid off
    /// for no file size measured on 2 cores (bench/README.md). Batches that could hold the same interval or reading are
    /// never stored together.
    /// </summary>
    public int StoreConcurrency { get; set; } = 1;
}
