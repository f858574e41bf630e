namespace MeterGrains.Storage;

/// <summary>Counters of a <see cref="PostgresReadingStore"/> since it started.</summary>
/// <param name="Transactions">Committed write transactions (batched and per-caller retries).</param>
/// <param name="FailedTransactions">Write transactions that failed and were rolled back.</param>
/// <param name="CallerRetries">Calls written again on their own after their batch failed on a data error.</param>
/// <param name="RowsOffered">Readings handed to committed transactions.</param>
/// <param name="RowsInserted">Readings that were new and are stored.</param>
public readonly record struct ReadingStoreStatistics(
    long Transactions,
    long FailedTransactions,
    long CallerRetries,
    long RowsOffered,
    long RowsInserted);
