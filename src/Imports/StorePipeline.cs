using System.Diagnostics;

namespace MeterGrains.Imports;

/// <summary>
/// The store calls of one import, run while the parse goes on: a full batch is handed over and the parse continues with
/// the next, with up to <c>concurrency</c> batches in flight, each on its own pooled connection. The first copy of an
/// interval or reading must still stand when a file repeats one, so a batch whose time range overlaps that of a batch in
/// flight for the same meter waits for it: batches that run together never share a key, and of two that could,
/// the earlier commits first. Rows of a time-ordered file never overlap, so they always run together.
/// </summary>
internal sealed class StorePipeline(int concurrency)
{
    private readonly List<(Task<int> Store, BatchRange? Range)> _inFlight = [];
    private long _storeTicks;

    /// <summary>Rows the finished store calls added.</summary>
    public long Stored { get; private set; }

    /// <summary>The store calls' durations, added up (they overlap the parse and each other).</summary>
    public TimeSpan StoreTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _storeTicks));

    /// <summary>Time the parse spent waiting for a store call to finish before it could hand over a batch.</summary>
    public TimeSpan WaitTime { get; private set; }

    /// <summary>
    /// Starts <paramref name="store"/> once a slot is free and no batch in flight overlaps <paramref name="range"/>;
    /// the range may be null only when one batch at a time is stored (then none is in flight here).
    /// </summary>
    public async ValueTask StartAsync(Func<ValueTask<int>> store, BatchRange? range)
    {
        if (range is null && concurrency > 1)
        {
            throw new ArgumentNullException(nameof(range), "Batches stored side by side need their time ranges.");
        }

        var started = Stopwatch.GetTimestamp();
        while (_inFlight.Count >= concurrency || _inFlight.Exists(f => f.Range!.Overlaps(range!)))
        {
            await FinishOldestAsync();
        }

        WaitTime += Stopwatch.GetElapsedTime(started);
        _inFlight.Add((Timed(store), range));
    }

    /// <summary>Waits for every batch in flight; the first failure is thrown once all have ended.</summary>
    public async ValueTask DrainAsync()
    {
        Exception? failure = null;
        while (_inFlight.Count > 0)
        {
            try
            {
                await FinishOldestAsync();
            }
            catch (Exception e)
            {
                failure ??= e;
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>After a failure elsewhere: lets the batches in flight end (what they stored stays) and ignores their outcome.</summary>
    public async ValueTask AbandonAsync()
    {
        foreach (var (store, _) in _inFlight)
        {
            try
            {
                await store;
            }
            catch (Exception)
            {
                // The import already failed; its own exception is the one the caller sees.
            }
        }

        _inFlight.Clear();
    }

    private async ValueTask FinishOldestAsync()
    {
        var (store, _) = _inFlight[0];
        _inFlight.RemoveAt(0);
        Stored += await store;
    }

    private async Task<int> Timed(Func<ValueTask<int>> store)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await store();
        }
        finally
        {
            // Store calls end on pool threads, possibly at the same time.
            Interlocked.Add(ref _storeTicks, Stopwatch.GetTimestamp() - started);
        }
    }
}
