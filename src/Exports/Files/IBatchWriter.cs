namespace MeterGrains.Exports.Files;

/// <summary>Writes the batches of one export file to a stream, in one format.</summary>
public interface IBatchWriter : IAsyncDisposable
{
    /// <summary>Writes the batch's rows (a Parquet row group); the batch may be reused afterwards.</summary>
    ValueTask WriteAsync(RowBatch batch, CancellationToken cancellationToken);

    /// <summary>Finishes the file (the Parquet footer) and flushes it to the stream.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
