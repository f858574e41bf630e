using System.Globalization;
using System.Text.Json;
using Orleans.Storage;

namespace MeterGrains.Bench;

/// <summary>
/// Grain storage that keeps nothing, so the heap holds only what the grains themselves hold. Every write is
/// serialized the way the silo's storage serializer does (System.Text.Json, web defaults) to count the bytes a
/// snapshot row would take, and then dropped.
/// </summary>
internal sealed class DiscardingGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private long _writes;
    private long _bytes;
    private long _maxBytes;

    public long Writes => Interlocked.Read(ref _writes);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long MaxBytes => Interlocked.Read(ref _maxBytes);

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _maxBytes, 0);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var size = JsonSerializer.SerializeToUtf8Bytes(grainState.State, Json).LongLength;
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _bytes, size);
        for (var max = MaxBytes; size > max && Interlocked.CompareExchange(ref _maxBytes, size, max) != max; max = MaxBytes)
        {
        }

        // As the ADO.NET provider does: the row's version becomes the ETag.
        var version = int.TryParse(grainState.ETag, CultureInfo.InvariantCulture, out var v) ? v : 0;
        grainState.ETag = (version + 1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
